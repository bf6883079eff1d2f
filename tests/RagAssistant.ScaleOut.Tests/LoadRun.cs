using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using RagAssistant.Client;
using RagAssistant.Client.Chat;
using RagAssistant.Contracts;
using RagAssistant.ScaleOut.Tests.Topology;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// The load run, the entry point of this project (a benchmark, not a test: it measures and asserts nothing):
/// <c>dotnet run --project tests/RagAssistant.ScaleOut.Tests -- load [--conversations 200] [--turns 2]</c>
/// starts scripts/scale.sh with two nodes (the sample papers, BM25 only, the extractive writer, the rate and question
/// limits off) and holds that many hub conversations at once through nginx, spread over the nodes by their affinity
/// cookies; then the same with one node behind nginx. One JSON line per topology: answers, failures, p50/p95/max time
/// from asking to the done event, the wall time, and how many connections each node held.
/// </summary>
public static partial class LoadRun
{
    private static readonly string[] Topics =
    [
        "Which papers make multimodal language models more efficient?",
        "Which papers solve partial differential equations with neural networks?",
        "Which papers use Bayesian optimization?",
        "Which papers study diffusion models?",
        "Which papers improve face recognition?",
        "Which papers tune hyperparameters automatically?",
        "Which papers train large language models to reason?",
        "Which papers generate images from text?",
        "Which papers compress neural networks?",
        "Which papers study reinforcement learning from human feedback?",
        "Which papers build agents that use tools?",
        "Which papers evaluate code generation?",
        "Which papers learn from videos?",
        "Which papers speed up transformer inference?",
        "Which papers model physical systems with neural operators?",
        "Which papers study scaling laws?",
    ];

    private const string FollowUp = "Which of those report experiments on public benchmarks?";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "load")
        {
            Console.Error.WriteLine("usage: dotnet run --project tests/RagAssistant.ScaleOut.Tests -- load [--conversations 200] [--turns 2]");
            return 2;
        }
        var conversations = BenchmarkRun.Option(args, "--conversations", 200);
        var turns = BenchmarkRun.Option(args, "--turns", 2);

        var results = new List<LoadResult>();
        foreach (var nodes in new[] { 2, 1 })
        {
            var startup = Stopwatch.StartNew();
            await using var topology = await ScaleScript.StartAsync(nodes, new Dictionary<string, string>
            {
                ["Embeddings__Provider"] = "none",
                ["Chat__Provider"] = "extractive",
                // Off for the run: the clients all come from one address and would otherwise meet the per-client limits at once.
                ["RateLimits__PermitLimit"] = "0",
                ["QuestionLimits__PermitLimit"] = "0",
            });
            Console.Error.WriteLine($"scale.sh: {nodes} node(s) behind {topology.Balancer}, ready in {startup.Elapsed.TotalSeconds:0.0} s");
            // Not counted: it warms every node (JIT, connections to Redis and Qdrant) and the balancer.
            await RunAsync(topology, "warm-up", 20, 1);
            results.Add(await RunAsync(topology, $"{nodes} node{(nodes == 1 ? "" : "s")} behind nginx", conversations, turns));
        }
        foreach (var result in results) Console.WriteLine(JsonSerializer.Serialize(result, Json));
        return results.All(result => result.Failures == 0) ? 0 : 1;
    }

    private static async Task<LoadResult> RunAsync(ScaleScript topology, string label, int conversations, int turns)
    {
        var logBefore = topology.BalancerAccessLog().Count;
        // Every client connects first, each with its own cookies (so nginx gives each its own affinity); then all ask at once.
        var clients = new List<RagAssistantChatClient>();
        for (var i = 0; i < conversations; i++)
        {
            var client = new RagAssistantChatClient(new RagAssistantClientOptions { BaseAddress = topology.Balancer });
            await client.StartAsync();
            clients.Add(client);
        }
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failures = 0;
        var conversationRuns = clients.Select(async (client, i) =>
        {
            await gate.Task;
            var times = new List<double>();
            var id = $"load-{Guid.NewGuid():N}";
            for (var turn = 0; turn < turns; turn++)
            {
                var question = turn == 0 ? Topics[i % Topics.Length] : FollowUp;
                var clock = Stopwatch.StartNew();
                try
                {
                    var last = (await client.AskAsync(id, question).ToListAsync()).LastOrDefault();
                    if (last is DoneEvent) times.Add(clock.Elapsed.TotalMilliseconds);
                    else throw new InvalidOperationException(last is ErrorEvent error ? error.Message : "the stream ended without a done event");
                }
                catch (Exception exception)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"  {label}, conversation {i}, turn {turn + 1}: {exception.Message}");
                    break;
                }
            }
            return times;
        }).ToList();
        var wall = Stopwatch.StartNew();
        gate.SetResult();
        var doneTimes = (await Task.WhenAll(conversationRuns)).SelectMany(times => times).ToList();
        wall.Stop();
        foreach (var client in clients) await client.DisposeAsync();

        var result = new LoadResult(
            label,
            topology.Nodes.Count,
            conversations,
            doneTimes.Count,
            failures,
            Math.Round(BenchmarkRun.Percentile(doneTimes, 0.50), 1),
            Math.Round(BenchmarkRun.Percentile(doneTimes, 0.95), 1),
            doneTimes.Count == 0 ? 0 : Math.Round(doneTimes.Max(), 1),
            Math.Round(wall.Elapsed.TotalMilliseconds, 1),
            await SpreadAsync(topology, logBefore),
            Environment.ProcessorCount);
        Console.Error.WriteLine($"  {label}: {result.Answers} answers, {result.Failures} failures, p50 {result.DoneP50Ms} ms, p95 {result.DoneP95Ms} ms");
        return result;
    }

    /// <summary>Hub WebSockets per node that went through nginx since the log had <paramref name="from"/> lines.</summary>
    private static async Task<Dictionary<string, int>> SpreadAsync(ScaleScript topology, int from)
    {
        // nginx writes a WebSocket's line when it closes, just after the clients hang up.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return topology.BalancerAccessLog().Skip(from)
            .Select(line => HubConnection().Match(line))
            .Where(match => match.Success)
            .GroupBy(match => topology.NodeAt(match.Groups["node"].Value).Name)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count());
    }

    [GeneratedRegex("\"GET /hubs/chat\\?id=[^\"]*\" 101 .* node=(?<node>[0-9.:]+)$")]
    private static partial Regex HubConnection();

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>One run, as printed (snake_case, like the other benchmarks' JSON lines).</summary>
    private sealed record LoadResult(
        string Run,
        int Nodes,
        int Conversations,
        int Answers,
        int Failures,
        double DoneP50Ms,
        double DoneP95Ms,
        double DoneMaxMs,
        double WallMs,
        Dictionary<string, int> ConnectionsPerNode,
        int Processors);
}
