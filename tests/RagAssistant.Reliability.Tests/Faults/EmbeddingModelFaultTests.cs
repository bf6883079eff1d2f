using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Embeddings.Local;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Faults;

/// <summary>
/// /health and the embedding model: a published app whose model cannot load (here its package assembly is missing, as
/// after a publish that left it out) must say so with a 503, not report "ready" while every search fails.
/// </summary>
public sealed class EmbeddingModelFaultTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> NoSamples = new() { ["Rag:SamplePaths:0"] = "no-sample-papers-here" };

    [Fact]
    public async Task A_model_that_cannot_load_makes_health_503_naming_the_model_and_the_reason()
    {
        var notShipped = LocalModels.MiniLm with { ResourceAssembly = "SentenceTransformers.NotShipped" };
        await using var app = new RagAppHost(localEmbeddings: true, services => services.AddSingleton(new SentenceTransformer(notShipped)), NoSamples);
        app.Start();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var (status, health) = await HealthOnceOpenedAsync(http);
        output.WriteLine(health.ToString());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unavailable", health.GetProperty("status").GetString());
        Assert.False(health.GetProperty("can_answer").GetBoolean());
        var model = health.GetProperty("embedding_model");
        Assert.Equal("unavailable", model.GetProperty("state").GetString());
        Assert.Contains("SentenceTransformers.NotShipped", model.GetProperty("detail").GetString());
        Assert.Contains("all-MiniLM-L6-v2", health.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task A_model_that_loads_is_ready_on_health()
    {
        await using var app = new RagAppHost(localEmbeddings: true, settings: NoSamples);
        app.Start();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var (status, health) = await HealthOnceOpenedAsync(http);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", health.GetProperty("embedding_model").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("problem").ValueKind);
    }

    /// <summary>/health once the index is open (not "starting"), bounded so a hung start fails rather than waits forever.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Health)> HealthOnceOpenedAsync(HttpClient http)
    {
        using var guard = new CancellationTokenSource(RagAppHost.ReadyWithin);
        while (true)
        {
            using var response = await http.GetAsync("/health", guard.Token);
            var health = await response.Content.ReadFromJsonAsync<JsonElement>(guard.Token);
            if (health.GetProperty("status").GetString() != "starting") return (response.StatusCode, health);
            await Task.Delay(100, guard.Token);
        }
    }
}
