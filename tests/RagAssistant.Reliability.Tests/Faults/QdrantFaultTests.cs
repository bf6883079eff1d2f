using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Cli.Tests;
using RagAssistant.Contracts;
using RagAssistant.Qdrant.Tests.Server;
using RagAssistant.Reliability.Tests.Support;
using RagAssistant.Web.Components.Pages.Chat;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Faults;

/// <summary>
/// The real Qdrant server (the npm-installed binary) killed with SIGKILL while the `rag` command indexes and while the
/// app answers, then started again on the same storage. BM25 only (Embeddings:Provider=none), so the server, not the
/// model, sets the pace.
/// </summary>
public sealed class QdrantFaultTests(ITestOutputHelper output)
{
    private const int SciFactPapers = 5183;

    /// <summary>Short retries so that "unreachable" is decided in seconds; the defaults are for real deployments.</summary>
    private static Dictionary<string, string> QuickGiveUp(QdrantNode node, string collection) => new()
    {
        ["Qdrant__Url"] = node.Url,
        ["Qdrant__Collection"] = collection,
        ["Qdrant__MaxRetries"] = "1",
        ["Qdrant__RetryDelay"] = "00:00:00.200",
        ["Qdrant__AttemptTimeout"] = "00:00:02",
    };

    /// <summary>SIGKILL: no shutdown, no flush. The node object stays as it is, so its settings restart it on the same storage.</summary>
    private static void Kill(QdrantNode node)
    {
        using var process = Process.GetProcessById(node.ProcessId);
        process.Kill();
        process.WaitForExit();
    }

    [Fact]
    public async Task Killed_during_rag_index_exits_3_naming_the_url_and_after_a_restart_the_rerun_leaves_every_paper_once()
    {
        var node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        var data = Directory.CreateTempSubdirectory("rag-qdrant-kill-").FullName;
        try
        {
            var environment = QuickGiveUp(node, "killed-index");
            environment["Embeddings__Provider"] = "none";
            // Small write batches: many requests, so the run lasts long enough to be killed in the middle of it.
            environment["Qdrant__UpsertBatchSize"] = "8";
            string[] arguments = ["index", TestRepository.SciFactCorpus, "--store", "qdrant", "--json", "--data-dir", data];

            CliResult interrupted;
            long beforeKill;
            using (var run = Process.Start(RagProgram.StartInfo(arguments, environment))!)
            {
                var stdout = run.StandardOutput.ReadToEndAsync();
                var stderr = run.StandardError.ReadToEndAsync();
                // SIGKILL the server once the first papers are stored: mid-run, with no chance to flush.
                while (!run.HasExited && (beforeKill = await QdrantContents.CountPapersAsync(node.RestUrl, "killed-index")) == 0) await Task.Delay(10);
                beforeKill = await QdrantContents.CountPapersAsync(node.RestUrl, "killed-index");
                if (run.HasExited) Assert.Fail($"the index run finished (exit {run.ExitCode}) before Qdrant could be killed: {await stderr} {await stdout}");
                Kill(node);
                using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await run.WaitForExitAsync(guard.Token);
                interrupted = new CliResult(run.ExitCode, await stdout, await stderr);
            }
            output.WriteLine($"killed with {beforeKill} papers stored; rag said: {interrupted.Error.Trim()}");

            Assert.Equal(3, interrupted.ExitCode);
            Assert.Contains(node.Url, interrupted.Error);
            Assert.DoesNotContain("   at ", interrupted.Error); // a message, not a stack trace

            node = await QdrantNode.StartAsync(node.Settings);
            var survivors = await QdrantContents.CountPapersAsync(node.RestUrl, "killed-index");
            var rerun = await RagProgram.RunAsync(arguments, environment);

            Assert.Equal(0, rerun.ExitCode);
            Assert.Equal(SciFactPapers, rerun.Json.GetProperty("papers").GetInt32());
            Assert.Equal(SciFactPapers - survivors, rerun.Json.GetProperty("added").GetInt32() + rerun.Json.GetProperty("updated").GetInt32());
            var points = await QdrantContents.PointsAsync(node.RestUrl, "killed-index");
            var stored = points.Select(point => point.PaperId).ToList();
            Assert.Equal(SciFactPapers, stored.Count);
            Assert.Equal(SciFactPapers, stored.Distinct().Count()); // no paper twice
            Assert.All(points, point => Assert.True(point.HasHash, $"{point.PaperId} was stored without its content hash"));
            var expected = File.ReadLines(TestRepository.SciFactCorpus)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("_id").GetString()!).ToHashSet();
            output.WriteLine($"{survivors} papers survived the kill; the rerun added or updated the other {SciFactPapers - survivors}");
            Assert.True(expected.SetEquals(stored), "the collection must hold exactly the corpus' papers: none missing, none extra");
        }
        finally
        {
            await node.DisposeAsync();
            node.DeleteFiles();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Killed_during_a_chat_the_stream_and_the_page_say_so_and_answers_come_back_when_it_returns()
    {
        var node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        try
        {
            var settings = QuickGiveUp(node, "killed-chat").ToDictionary(pair => pair.Key.Replace("__", ":", StringComparison.Ordinal), pair => (string?)pair.Value);
            settings["Rag:Store"] = "qdrant";
            await using var app = new RagAppHost(localEmbeddings: false, settings: settings);
            await app.StartAsync();
            await using var hub = await HubClient.ConnectAsync(app.BaseAddress);
            using var http = new HttpClient { BaseAddress = app.BaseAddress };

            Assert.IsType<DoneEvent>((await HubClient.AskAsync(hub, "before", "neural networks for atmospheric CO2 transport"))[^1]);

            Kill(node);

            var during = await HubClient.AskAsync(hub, "during", "neural networks for atmospheric CO2 transport");
            var error = Assert.IsType<ErrorEvent>(Assert.Single(during));
            Assert.True(error.ServiceUnreachable);
            Assert.Contains(node.Url, error.Message);
            output.WriteLine($"hub error: {error.Message}");
            using (var health = await http.GetAsync("/health"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
                Assert.Contains("qdrant", await health.Content.ReadAsStringAsync());
            }
            // The chat page shows the same failure in place of the answer.
            using (var page = new BunitContext())
            {
                page.JSInterop.Mode = JSRuntimeMode.Loose;
                using var scope = app.Services.CreateScope();
                scope.ServiceProvider.GetRequiredService<RagAssistant.Web.Callers.PageCaller>().Current =
                    new RagAssistant.Web.Callers.Caller(RagAssistant.Core.Conversations.ConversationOwner.Session("qdrant-down"), "address:127.0.0.1");
                page.Services.AddFallbackServiceProvider(scope.ServiceProvider);
                var chat = page.Render<ChatPage>();
                await chat.InvokeAsync(() => chat.Find("textarea#question").Input("neural networks for atmospheric CO2 transport"));
                await chat.InvokeAsync(() => chat.Find("form.composer").Submit());
                try
                {
                    chat.WaitForAssertion(() => Assert.Contains(node.Url, chat.Find(".answer-error").TextContent), HubClient.HangGuard);
                }
                catch
                {
                    output.WriteLine(chat.Markup);
                    throw;
                }
                Assert.Contains("did not respond; try again in a moment", chat.Find(".answer-error").TextContent);
            }

            node = await QdrantNode.StartAsync(node.Settings);
            // Recovery needs no restart of the app: the next questions are answered again (retry until then; a hang guard, not a timing check).
            var after = new List<AnswerEvent>();
            for (var attempt = 0; attempt < 60 && after.LastOrDefault() is not DoneEvent; attempt++)
            {
                if (attempt > 0) await Task.Delay(500);
                after = await HubClient.AskAsync(hub, $"after-{attempt}", "neural networks for atmospheric CO2 transport");
            }
            var done = Assert.IsType<DoneEvent>(after[^1]);
            Assert.True(done.Covered);
            Assert.NotEmpty(Assert.IsType<SourcesEvent>(after[0]).Sources);
            using (var health = await http.GetAsync("/health")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            await node.DisposeAsync();
            node.DeleteFiles();
        }
    }
}
