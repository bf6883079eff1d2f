using System.Collections.Concurrent;
using System.Diagnostics;
using RagAssistant.Contracts;
using RagAssistant.Reliability.Tests.Support;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Load;

/// <summary>
/// Many conversations at once over the chat hub on loopback, against the real app with the extractive writer and the
/// sample papers, BM25 only (Embeddings:Provider=none keeps the run short on two cores; with the local encoder each
/// answer also embeds its sentences). Every answer must finish; the times are reported, not asserted.
/// RAG_LOAD_CONVERSATIONS and RAG_LOAD_TURNS make the run bigger.
/// </summary>
public sealed class HubLoadTests(ITestOutputHelper output)
{
    private static readonly string[] Questions =
    [
        "neural networks for atmospheric CO2 transport",
        "which language models are evaluated on long documents?",
        "graph neural networks for molecules",
        "diffusion models for image generation",
        "retrieval augmented generation benchmarks",
    ];

    private static readonly string[] FollowUps = ["which of them are the most recent?", "what data do they use?"];

    [Fact]
    public async Task Concurrent_conversations_over_the_hub_all_finish_and_the_time_to_done_is_reported()
    {
        // All clients ask from one address, faster than the question limit allows one user: it is off for this capacity test.
        await using var app = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?> { ["QuestionLimits:PermitLimit"] = "0" });
        await app.StartAsync();
        var conversations = Budget.LoadConversations;
        var turns = Budget.LoadTurns;

        var connections = await Task.WhenAll(Enumerable.Range(0, conversations).Select(_ => HubClient.ConnectAsync(app.BaseAddress)));
        var times = new ConcurrentBag<TimeSpan>();
        var failures = new ConcurrentBag<string>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wall = new Stopwatch();
        var runs = connections.Select(async (connection, i) =>
        {
            await go.Task;
            for (var turn = 0; turn < turns; turn++)
            {
                var question = turn == 0 ? Questions[i % Questions.Length] : FollowUps[(turn - 1) % FollowUps.Length];
                var clock = Stopwatch.StartNew();
                try
                {
                    var events = await HubClient.AskAsync(connection, $"load-{i}", question);
                    if (events is [SourcesEvent, .., DoneEvent]) times.Add(clock.Elapsed);
                    else failures.Add($"conversation {i} turn {turn}: ended with {events.LastOrDefault()}");
                }
                catch (Exception exception)
                {
                    failures.Add($"conversation {i} turn {turn}: {exception.GetType().Name}: {exception.Message}");
                }
            }
        }).ToList();
        wall.Start();
        go.SetResult();
        await Task.WhenAll(runs);
        wall.Stop();
        foreach (var connection in connections) await connection.DisposeAsync();

        var sorted = times.Order().ToList();
        output.WriteLine($"{conversations} conversations x {turns} turns over /hubs/chat: {sorted.Count} answers done, {failures.Count} failed, " +
                         $"wall {wall.Elapsed.TotalSeconds:0.00} s");
        if (sorted.Count > 0)
        {
            output.WriteLine($"time to done: p50 {Percentile(sorted, 0.50):0} ms, p95 {Percentile(sorted, 0.95):0} ms, max {sorted[^1].TotalMilliseconds:0} ms");
        }
        Assert.Empty(failures);
        Assert.Equal(conversations * turns, sorted.Count);
    }

    private static double Percentile(List<TimeSpan> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)].TotalMilliseconds;
}
