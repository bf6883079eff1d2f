using RagAssistant.Web.Callers;
using RagAssistant.Web.Papers;

namespace RagAssistant.Web.Tests.Hosting;

/// <summary>Waits for an upload started through the Papers page to end, reading the caller's jobs as the page does.</summary>
public static class UploadWait
{
    /// <summary>The caller's newest job, or null when they have none yet.</summary>
    public static async Task<string?> NewestIdAsync(PaperUploads uploads, Caller caller) => (await uploads.JobsOfAsync(caller)).FirstOrDefault()?.Id;

    /// <summary>The caller's newest job once it is not <paramref name="previousId"/> and has ended (done or failed).</summary>
    public static async Task<UploadJob> EndedAsync(PaperUploads uploads, Caller caller, string? previousId, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            if ((await uploads.JobsOfAsync(caller, deadline.Token)).FirstOrDefault() is { IsOver: true } job && job.Id != previousId) return job;
            await Task.Delay(50, deadline.Token);
        }
    }
}
