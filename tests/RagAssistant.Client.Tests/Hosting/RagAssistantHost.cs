using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RagAssistant.Client;

namespace RagAssistant.Client.Tests.Hosting;

/// <summary>
/// The real web app on Kestrel at a free loopback port, with its own temporary data directory, so it indexes the sample
/// corpus afresh on start. Searches are BM25 only (<c>Embeddings:Provider=none</c>): the model is not the subject here.
/// </summary>
public sealed class RagAssistantHost : WebApplicationFactory<Program>
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "rag-client-tests", Guid.NewGuid().ToString("N"));
    private readonly bool _withSamples;

    public RagAssistantHost(string? apiKey, bool withSamples = true)
    {
        ApiKey = apiKey;
        _withSamples = withSamples;
        UseKestrel(0);
    }

    public string? ApiKey { get; }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public RagAssistantClientOptions ClientOptionsWithKey => new() { BaseAddress = BaseAddress, ApiKey = ApiKey };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Rag:DataDir", _dataDir);
        builder.UseSetting("Rag:Store", "embedded");
        builder.UseSetting("Rag:ApiKey", ApiKey ?? "");
        builder.UseSetting("Embeddings:Provider", "none");
        builder.UseSetting("Chat:Provider", "extractive");
        if (!_withSamples) builder.UseSetting("Rag:SamplePaths:0", Path.Combine(_dataDir, "no-sample-papers"));
    }

    /// <summary>Starts Kestrel and waits until /health says the index is ready (the sample papers are indexed).</summary>
    public async Task StartAsync()
    {
        StartServer();
        using var http = new HttpClient { BaseAddress = BaseAddress };
        // Bounded: indexing the sample corpus without embeddings takes seconds; a minute and a half means it is stuck.
        for (var attempt = 0; attempt < 900; attempt++)
        {
            using var response = await http.GetAsync("/health");
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            var status = health.TryGetProperty("status", out var value) ? value.GetString() : null;
            if (status == "ready") return;
            if (status == "unavailable") throw new InvalidOperationException($"The app could not open its index: {health}");
            await Task.Delay(100);
        }
        throw new InvalidOperationException("The app did not report ready on /health.");
    }

    /// <summary>An HTTP client for the running app that sends no key.</summary>
    public HttpClient CreateAnonymousClient() => new() { BaseAddress = BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; failing the run over it would not be.
        }
    }
}
