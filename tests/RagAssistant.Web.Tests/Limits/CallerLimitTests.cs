using System.Net;
using System.Net.Http.Json;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Conversations;
using RagAssistant.Contracts;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Components.Pages.Papers;
using RagAssistant.Web.Papers;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Limits;

/// <summary>
/// The per-caller limits through the real app on Kestrel: questions over an open hub connection, the shared question
/// allowance on REST, and the daily upload quota with the cleanup of processed upload folders.
/// </summary>
public sealed class CallerLimitTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    // Long windows, so that no allowance is renewed while a test runs however slow the machine is.
    private readonly RagAppHost _app = new(localEmbeddings: false, settings: new Dictionary<string, string?>
    {
        ["QuestionLimits:PermitLimit"] = "3",
        ["QuestionLimits:Window"] = "01:00:00",
        ["UploadLimits:FilesPerDay"] = "3",
        ["UploadLimits:BytesPerDay"] = "4096",
    });

    private string LeftoverFolder => Path.Combine(_app.DataDir, PaperUploads.FolderName, "20260101-000000-leftover");

    public async Task InitializeAsync()
    {
        // A folder an earlier run left behind (it stopped before indexing it).
        Directory.CreateDirectory(LeftoverFolder);
        await File.WriteAllTextAsync(Path.Combine(LeftoverFolder, "old.jsonl"), "{}");
        await _app.StartAsync();
    }

    [Fact]
    public async Task A_flood_of_hub_asks_on_one_connection_is_throttled_with_a_clear_error_and_rest_shares_the_allowance()
    {
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, ChatHub.Path)).Build();
        await connection.StartAsync();
        var answered = 0;
        var refusals = new List<string>();

        for (var i = 0; i < 6; i++)
        {
            try
            {
                using var guard = new CancellationTokenSource(HangGuard);
                await foreach (var answerEvent in connection.StreamAsync<AnswerEvent>("Ask", $"flood-{i}", "neural networks for atmospheric CO2 transport", null, guard.Token))
                {
                    if (answerEvent is DoneEvent) answered++;
                }
            }
            catch (HubException refused)
            {
                refusals.Add(refused.Message);
            }
        }

        Assert.Equal(3, answered);
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, message => Assert.Contains("Too many questions: at most 3 per 3600 s from one user (QuestionLimits:PermitLimit, QuestionLimits:Window)", message));
        Assert.Equal(HubConnectionState.Connected, connection.State);
        // The refused questions were never asked, so nothing of them is kept.
        Assert.Null(await _app.Services.GetRequiredService<ConversationService>().FindAsync(ConversationOwner.Address("127.0.0.1"), "flood-5"));

        // Moving to REST buys no fresh allowance.
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        using var rest = await http.PostAsJsonAsync("/api/ask", new { question = "neural networks for atmospheric CO2 transport" });
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.Contains("QuestionLimits:PermitLimit", await rest.Content.ReadAsStringAsync());
        // Like every refusal by a limit, it says when to ask again.
        Assert.InRange(rest.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task An_upload_over_the_daily_quota_is_refused_per_file_and_processed_upload_folders_are_removed()
    {
        // Removed on start: nothing could still be waiting for it.
        Assert.False(Directory.Exists(LeftoverFolder));
        using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var scope = _app.Services.CreateScope().ServiceProvider;
        var caller = new Caller(ConversationOwner.Session("uploader"), "address:127.0.0.1");
        scope.GetRequiredService<PageCaller>().Current = caller;
        context.Services.AddFallbackServiceProvider(scope);
        var uploads = _app.Services.GetRequiredService<PaperUploads>();
        var page = context.Render<PapersPage>();

        // 4,096 bytes and 3 files a day: the 5,000-byte file is over the bytes; the fourth file is over the count.
        var job = await UploadAsync(page, uploads, caller,
            InputFileContent.CreateFromText(Paper("Quota Lighthouse Paper", "Lighthouse keepers and their lamps."), "first.jsonl"),
            InputFileContent.CreateFromText(new string(' ', 5000), "too-big.jsonl"),
            InputFileContent.CreateFromText(Paper("Quota Orchard Paper", "Apple orchards in the valley."), "second.jsonl"));
        var second = await UploadAsync(page, uploads, caller,
            InputFileContent.CreateFromText(Paper("Quota Glacier Paper", "Glaciers retreat in the mountains."), "third.jsonl"),
            InputFileContent.CreateFromText(Paper("Quota Desert Paper", "Desert beetles collect fog."), "fourth.jsonl"));

        Assert.Equal(UploadState.Done, job.State);
        var refused = Assert.Single(job.Errors);
        Assert.Equal("too-big.jsonl", refused.File);
        Assert.Contains("UploadLimits:BytesPerDay", refused.Message);
        Assert.Equal(2, job.Summary!.Added);
        Assert.Equal(UploadState.Done, second.State);
        var overCount = Assert.Single(second.Errors);
        Assert.Equal("fourth.jsonl", overCount.File);
        Assert.Contains("over today's upload limit of 3 files per user (UploadLimits:FilesPerDay)", overCount.Message);
        Assert.Equal(1, second.Summary!.Added);
        // The page names the refused file and why.
        page.WaitForAssertion(() => Assert.Contains("UploadLimits:FilesPerDay", page.Find("article.upload-job .upload-errors").TextContent));
        // Indexed, so their folders are gone.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_app.DataDir, PaperUploads.FolderName)));
        // Another caller sees none of these jobs.
        Assert.Empty(await uploads.JobsOfAsync(new Caller(ConversationOwner.Session("someone-else"), "address:127.0.0.1")));
        Assert.Equal(2, (await uploads.JobsOfAsync(caller)).Count);
    }

    private static async Task<UploadJob> UploadAsync(IRenderedComponent<PapersPage> page, PaperUploads uploads, Caller caller, params InputFileContent[] files)
    {
        var previous = await UploadWait.NewestIdAsync(uploads, caller);
        page.FindComponent<InputFile>().UploadFiles(files);
        return await UploadWait.EndedAsync(uploads, caller, previous, HangGuard);
    }

    private static string Paper(string title, string text) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["title"] = title, ["abstract"] = text });

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
