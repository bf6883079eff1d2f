using System.Diagnostics;
using Microsoft.Playwright;
using RagAssistant.Client;
using RagAssistant.Client.Chat;
using RagAssistant.EndToEnd.Tests;
using RagAssistant.ScaleOut.Tests.Topology;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>Every scale-out test class shares one topology: it takes half a minute to start, and the tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "scale-out";
}

/// <summary>
/// Two app nodes behind nginx, sharing redis-server and one Qdrant node, all started by scripts/scale.sh on loopback,
/// plus the scripted language model they answer with. The server key is set, so people sign in and machines send the
/// key; limits are as shipped except the machine-surface limit, lowered so that a test can reach it.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public const string ApiKey = "42eff119f225d599410ebc8c87ecfeff3632b450ed0ec1e36f77e61b616501ac";

    /// <summary>RateLimits:PermitLimit on every node: requests per client per minute to /api, /mcp and /hubs/chat.</summary>
    public const int RateLimit = 60;

    /// <summary>The smallest sample page (about 60 papers: PDE solvers, Bayesian optimisation, hyperparameters, …), BM25 only.</summary>
    public static string Papers => Path.Combine(TestRepository.SamplePapers, "003_750df939291c8579.txt");

    private ScaleScript? _topology;
    private ScriptedChatServer? _model;
    private IReadOnlyDictionary<string, string>? _affinity;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    internal ScaleScript Topology => _topology ?? throw new InvalidOperationException("The topology is not started.");

    internal ScriptedChatServer Model => _model ?? throw new InvalidOperationException("The language model is not started.");

    public async Task InitializeAsync()
    {
        _model = LanguageModelScript.Start();
        _topology = await ScaleScript.StartAsync(nodes: 2, new Dictionary<string, string>
        {
            ["Rag__ApiKey"] = ApiKey,
            ["Rag__SamplePaths__0"] = Papers,
            ["Embeddings__Provider"] = "none",
            ["Chat__Provider"] = "openai",
            ["Chat__Endpoint"] = _model.Endpoint,
            ["Chat__Model"] = "scripted",
            ["Chat__ApiKey"] = "scripted-model-key",
            // The stalled answer must stay in flight until its node is killed, not fall back to quoting the abstracts.
            ["Chat__Timeout"] = "00:10:00",
            ["Chat__MaxRetries"] = "0",
            ["RateLimits__PermitLimit"] = RateLimit.ToString(),
            ["QuestionLimits__PermitLimit"] = "1000",
            ["ChatUi__RevealInterval"] = "00:00:00",
        });
        _affinity = await NodeAffinity.FindAsync(_topology);
    }

    /// <summary>A value of the <c>rag_node</c> cookie that nginx routes to <paramref name="node"/>.</summary>
    internal string AffinityKeyOf(AppNode node) => _affinity![node.Name];

    /// <summary>The REST client an agent would use, with the server key.</summary>
    internal RagAssistantClient Rest(Uri server) => new(new RagAssistantClientOptions { BaseAddress = server, ApiKey = ApiKey });

    /// <summary>The hub client an agent would use, with the server key; through the balancer, optionally keyed to one node.</summary>
    internal RagAssistantChatClient Hub(Uri server, AppNode? keyedTo = null) =>
        new(new RagAssistantClientOptions { BaseAddress = server, ApiKey = ApiKey }, connection =>
        {
            if (keyedTo is not null) connection.Cookies.Add(server, new System.Net.Cookie(NodeAffinity.Cookie, AffinityKeyOf(keyedTo)));
        });

    /// <summary>Debian's Chromium, launched on first use and shared by the page tests (each takes a context of its own).</summary>
    internal async Task<IBrowser> BrowserAsync()
    {
        if (_browser is null) (_playwright, _browser) = await Browser.LaunchAsync();
        return _browser;
    }

    /// <summary>Waits for something that other processes make true (a node noticing Redis went away); fails with what it saw last.</summary>
    internal static async Task<T> EventuallyAsync<T>(Func<Task<T>> observe, Func<T, bool> done, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var seen = await observe();
            if (done(seen)) return seen;
            if (clock.Elapsed > within) throw new TimeoutException($"Not within {within.TotalSeconds:0} s: {what}. Last seen: {seen}");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_topology is not null) await _topology.DisposeAsync();
        if (_model is not null) await _model.DisposeAsync();
    }
}
