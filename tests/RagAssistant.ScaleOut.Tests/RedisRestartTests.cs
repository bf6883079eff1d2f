using RagAssistant.Contracts;
using System.Net;
using System.Text.Json;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// Redis stops under the running nodes and comes back (as scale.sh runs it: with its append-only file). The nodes stay
/// up, say on /health that Redis is unreachable, and recover by themselves: no node is restarted, and what was kept
/// before is still there.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class RedisRestartTests(ScaleOutFixture scale)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task With_redis_stopped_health_says_so_and_after_its_restart_the_nodes_answer_again_with_the_conversation_kept()
    {
        var topology = scale.Topology;
        var (node1, node2) = (topology.Node(1), topology.Node(2));
        var id = "redis-" + Guid.NewGuid().ToString("N")[..12];
        const string first = "Which papers use binary neural networks?";
        const string followUp = "Which of those use periodic functions?";
        using var rest1 = scale.Rest(node1.Url);
        using var rest2 = scale.Rest(node2.Url);
        await rest1.AskAsync(new AskRequest(first, ConversationId: id));

        await topology.StopAsync("redis");
        try
        {
            foreach (var node in topology.Nodes)
            {
                var health = await ScaleOutFixture.EventuallyAsync(() => HealthAsync(node.Url), seen => RedisState(seen.Body) == "unreachable", Patience,
                    $"{node.Name}'s /health says Redis is unreachable");
                Assert.Contains(topology.RedisEndpoint, health.Body);
            }
            Assert.True(topology.IsRunning(node1.Name) && topology.IsRunning(node2.Name), "the nodes stay up without Redis");
        }
        finally
        {
            topology.StartAgain("redis");
        }

        foreach (var node in topology.Nodes)
        {
            await ScaleOutFixture.EventuallyAsync(() => HealthAsync(node.Url),
                seen => seen.Status == HttpStatusCode.OK && RedisState(seen.Body) != "unreachable", Patience, $"{node.Name}'s /health is good again");
        }
        await rest2.AskAsync(new AskRequest(followUp, ConversationId: id));
        var kept = await rest1.GetConversationAsync(id);
        Assert.NotNull(kept);
        Assert.Equal([first, followUp], kept.Turns.Select(turn => turn.Question));
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(Uri node)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri(node, "/health"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The state /health gives for Redis (<c>"redis":{"state":…}</c>), or null when it names none.</summary>
    private static string? RedisState(string health) =>
        JsonDocument.Parse(health).RootElement.TryGetProperty("redis", out var redis) && redis.TryGetProperty("state", out var state) ? state.GetString() : null;
}
