using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Ingestion;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Limits;

namespace RagAssistant.Web.Papers;

/// <summary>
/// "Add papers" on the Papers page: saves uploaded files under <c>&lt;data dir&gt;/uploads</c> and queues them
/// (<see cref="IUploadQueue"/>) for <see cref="UploadIndexingService"/>, which indexes one upload at a time, reporting
/// progress and every error by file and line. Jobs (<see cref="IUploadJobs"/>) outlive the page that started them, so
/// leaving and coming back shows where they are; each caller sees only their own. Every file counts against the
/// caller's daily quota (<see cref="UploadQuota"/>) and one over it is refused on its own.
/// </summary>
public sealed class PaperUploads(IUploadQueue queue, IUploadJobs jobs, UploadQuota quota, IOptions<RagOptions> options, TimeProvider clock)
{
    public const string FolderName = "uploads";

    /// <summary>Raised, on a background thread, with the owner of a job that moved on.</summary>
    public event Action<ConversationOwner>? Changed
    {
        add => jobs.Changed += value;
        remove => jobs.Changed -= value;
    }

    /// <summary>The jobs <paramref name="caller"/> started, latest first.</summary>
    /// <exception cref="UploadsUnavailableException">The jobs are kept in Redis and it is unreachable.</exception>
    public Task<IReadOnlyList<UploadJob>> JobsOfAsync(Caller caller, CancellationToken cancellationToken = default) =>
        jobs.OfAsync(caller.Owner, cancellationToken);

    /// <summary>Receives the files now and returns at once; indexing continues in the background (on whichever node takes the job).</summary>
    /// <exception cref="UploadsUnavailableException">The queue is in Redis and it is unreachable; nothing of the upload is kept.</exception>
    public async Task<UploadJob> StartAsync(IReadOnlyList<IBrowserFile> files, Caller caller, CancellationToken cancellationToken = default)
    {
        var job = new UploadJob(Guid.NewGuid().ToString("N")[..12], clock.GetUtcNow(), [.. files.Select(file => file.Name)], caller.Owner);
        await jobs.SaveAsync(job, cancellationToken);
        var folder = Path.Combine(options.Value.DataDirFullPath, FolderName, $"{job.Started:yyyyMMdd-HHmmss}-{job.Id}");
        var saved = new List<(string Path, string Name)>();
        var errors = new List<IngestionError>();
        try
        {
            foreach (var file in files)
            {
                if (await RefusalAsync(file, saved, caller, cancellationToken) is { } refusal)
                {
                    errors.Add(new IngestionError(file.Name, 0, refusal));
                    continue;
                }
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, file.Name);
                await using (var target = File.Create(path))
                await using (var source = file.OpenReadStream(options.Value.MaxFileBytes, cancellationToken))
                {
                    await source.CopyToAsync(target, cancellationToken);
                }
                saved.Add((path, file.Name));
            }
            // Saved as queued before it is queued: the node that takes it may report progress at once.
            job = job with { Errors = errors, State = saved.Count == 0 ? UploadState.Failed : UploadState.Queued };
            await jobs.SaveAsync(job, cancellationToken);
            if (saved.Count == 0 || await queue.TryEnqueueAsync(new QueuedUpload(job.Id, folder, saved), cancellationToken)) return job;
            job = job with
            {
                State = UploadState.Failed,
                Message = $"{IUploadQueue.Capacity} uploads are already waiting to be indexed; upload these files again when they are done.",
            };
            Directory.Delete(folder, recursive: true);
            await jobs.SaveAsync(job, cancellationToken);
            return job;
        }
        catch (UploadsUnavailableException)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Why <paramref name="file"/> is not taken, or null; a file that is taken counts against the quota.</summary>
    private async Task<string?> RefusalAsync(IBrowserFile file, List<(string Path, string Name)> saved, Caller caller, CancellationToken cancellationToken)
    {
        if (UploadFileName.Problem(file.Name) is { } problem) return problem;
        if (saved.Any(entry => string.Equals(entry.Name, file.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return "a file of the same name is already in this upload; skipped";
        }
        if (file.Size > options.Value.MaxFileBytes)
        {
            return $"the file is over the {options.Value.MaxFileBytes / (1024.0 * 1024):0.#} MB limit (Rag:MaxFileBytes); skipped";
        }
        return await quota.RefusalAsync(caller.LimitKey, file.Size, cancellationToken);
    }
}
