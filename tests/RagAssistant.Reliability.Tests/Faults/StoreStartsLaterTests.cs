using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Qdrant.Tests.Server;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Faults;

/// <summary>
/// The app started before its store (as Docker Compose starts containers, or a node rebooting before Qdrant): /health
/// says the store is unreachable, and once the real Qdrant server comes up the app opens and seeds the index and
/// answers — without a restart.
/// </summary>
public sealed class StoreStartsLaterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_app_started_before_qdrant_says_so_on_health_and_becomes_ready_when_qdrant_comes_up()
    {
        var qdrant = QdrantNodeSettings.Fresh();
        await using var app = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?>
        {
            ["Rag:Store"] = "qdrant",
            ["Qdrant:Url"] = qdrant.Url,
            ["Qdrant:MaxRetries"] = "1",
            ["Qdrant:RetryDelay"] = "00:00:00.100",
            ["Qdrant:AttemptTimeout"] = "00:00:02",
        });
        app.Start();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var down = await WaitForHealthAsync(http, health => health.Problem is not null);
        output.WriteLine($"before Qdrant: {down.Code} {down.Body}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Code);
        Assert.Contains(qdrant.Url, down.Problem);
        Assert.Contains("Trying again", down.Problem);

        var node = await QdrantNode.StartAsync(qdrant);
        try
        {
            var up = await WaitForHealthAsync(http, health => health.Code == HttpStatusCode.OK);
            output.WriteLine($"after Qdrant: {up.Code} {up.Body}");
            var search = await http.GetFromJsonAsync<JsonElement>("/api/search?q=neural%20networks");
            Assert.NotEmpty(search.GetProperty("results").EnumerateArray());
        }
        finally
        {
            await node.DisposeAsync();
            node.DeleteFiles();
        }
    }

    private sealed record Health(HttpStatusCode Code, string Body, string? Problem);

    /// <summary>Polls /health until <paramref name="done"/>; the deadline is a guard against a hang, not a speed check.</summary>
    private static async Task<Health> WaitForHealthAsync(HttpClient http, Func<Health, bool> done)
    {
        using var deadline = new CancellationTokenSource(RagAppHost.ReadyWithin);
        while (true)
        {
            using var response = await http.GetAsync("/health", deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var json = JsonDocument.Parse(body).RootElement;
            var problem = json.TryGetProperty("problem", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var health = new Health(response.StatusCode, body, problem);
            if (done(health)) return health;
            await Task.Delay(200, deadline.Token);
        }
    }
}
