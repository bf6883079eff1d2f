using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Conversations;
using RagAssistant.Qdrant.Tests.Server;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Components.Pages.Papers;
using RagAssistant.Web.Papers;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.SharedState;

/// <summary>
/// A node of several (<c>Rag:SharedState=redis</c>) while its Redis is down and after it is back: the limits let requests
/// through (fail open) rather than failing them, an upload is refused with a sentence saying why, the page and the
/// process stay up, and once Redis is back the limits count and uploads are indexed again, without a restart.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private const int RequestLimit = 3;
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private RedisServer? _redis;
    private QdrantNode? _qdrant;
    private RagAppHost? _node;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _qdrant = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        _node = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?>
        {
            ["Rag:Store"] = "qdrant",
            ["Qdrant:Url"] = _qdrant.Url,
            ["Rag:SharedState"] = "redis",
            ["Redis:Connection"] = _redis.ConnectionString,
            ["RateLimits:PermitLimit"] = RequestLimit.ToString(),
            ["RateLimits:Window"] = "01:00:00",
        });
        await _node.StartAsync();
    }

    [Fact]
    public async Task While_Redis_is_down_requests_pass_uploads_are_refused_in_words_and_both_work_again_once_it_is_back()
    {
        var node = _node!;
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        var caller = new Caller(ConversationOwner.Session("outage-uploader"), "address:127.0.0.1");
        await _redis!.StopAsync();

        // Over the limit, and still answered: the limit is not enforced while it cannot be counted.
        for (var i = 0; i < RequestLimit + 2; i++)
        {
            using var response = await http.GetAsync("/api/search?q=neural");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var context = LimitedNodes.PagesOf(node, caller))
        {
            var page = context.Render<PapersPage>();
            page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Paper("Outage Lantern Paper", "Paper lanterns float."), "lantern.jsonl"));
            page.WaitForAssertion(() => Assert.Contains("the shared job store (Redis) is unreachable. Try again in a minute.",
                page.Find(".add-papers .notice-error").TextContent), HangGuard);
        }

        await _redis.StartAgainAsync();

        // Back: the limit counts again (a fresh window, since Redis restarted empty) ...
        using (var guard = new CancellationTokenSource(HangGuard))
        {
            while (true)
            {
                using var response = await http.GetAsync("/api/search?q=neural", guard.Token);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) break;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await Task.Delay(100, guard.Token);
            }
        }
        // ... and an upload is queued, taken and indexed.
        using (var context = LimitedNodes.PagesOf(node, caller))
        {
            var page = context.Render<PapersPage>();
            page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Paper("Recovered Lantern Paper", "Paper lanterns glow."), "lantern.jsonl"));
            var job = await UploadWait.EndedAsync(node.Services.GetRequiredService<PaperUploads>(), caller, null, HangGuard);
            Assert.Equal(UploadState.Done, job.State);
            Assert.Equal(1, job.Summary!.Added);
        }
    }

    private static string Paper(string title, string @abstract) => JsonSerializer.Serialize(new { title, @abstract });

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
        if (_qdrant is not null)
        {
            await _qdrant.DisposeAsync();
            _qdrant.DeleteFiles();
        }
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
