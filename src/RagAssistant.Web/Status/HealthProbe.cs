using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant;
using RagAssistant.Qdrant.Connection;
using RagAssistant.Web.Indexing;

namespace RagAssistant.Web.Status;

/// <summary>
/// What is running and whether it can answer: the store, the embedding model, the answer writer, and whether the
/// services in other processes (Qdrant, the language model endpoint) answer. Reachability is probed with short
/// timeouts and remembered for a few seconds, so /health and the page footer stay cheap to poll.
/// </summary>
public sealed class HealthProbe(
    IndexStatus status,
    IPaperIndex index,
    IOptions<RagOptions> rag,
    IOptions<AssistantOptions> assistant,
    IOptions<QdrantOptions> qdrant,
    QdrantConnection qdrantConnection,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    public const string HttpClientName = "HealthProbe";
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (DateTimeOffset At, Reachability Qdrant, Reachability LanguageModel)? _probed;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var (qdrantState, languageModel) = await ProbeAsync(cancellationToken);
        if (status.Ready && status.Problem is null && qdrantState.State != Reachability.Unreachable)
        {
            try
            {
                // Counted afresh: `rag index` may have added papers to the same store since the app started.
                status.Papers = await index.CountPapersAsync(cancellationToken);
            }
            catch (StoreUnavailableException exception)
            {
                // The store went away after the cached probe: report it rather than fail /health itself.
                qdrantState = new Reachability(Reachability.Unreachable, qdrantState.Url, exception.Message);
            }
        }
        var state = status.Problem is not null ? "unavailable" : status.Indexing ? "indexing" : status.Ready ? "ready" : "starting";
        // With the extractive fallback on, a model that is down still leaves the app able to answer (degraded).
        var modelDown = languageModel.State == Reachability.Unreachable;
        var canAnswer = state == "ready" && qdrantState.State != Reachability.Unreachable && (!modelDown || assistant.Value.FallbackToExtractive);
        return new HealthReport(
            canAnswer && !modelDown ? "ready" : state == "ready" ? "degraded" : state,
            canAnswer,
            status.Papers,
            status.Indexing,
            index.Name,
            EmbeddingsDescription(),
            WriterDescription(),
            qdrantState,
            languageModel,
            status.Problem);
    }

    private string EmbeddingsDescription()
    {
        if (embedder is null) return "none (BM25 only)";
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        return $"{metadata?.ProviderName ?? "unknown"}/{metadata?.DefaultModelId ?? "unknown"}" +
            (metadata?.DefaultModelDimensions is { } dimensions ? $" ({dimensions} dimensions)" : "");
    }

    private string WriterDescription()
    {
        var options = assistant.Value;
        return string.Equals(options.Provider, ChatProviders.OpenAI, StringComparison.OrdinalIgnoreCase)
            ? $"language model {options.Model}" + (string.IsNullOrWhiteSpace(options.Endpoint) ? " (OpenAI)" : $" at {options.Endpoint}")
            : "extractive (no language model)";
    }

    private async Task<(Reachability Qdrant, Reachability LanguageModel)> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_probed is { } recent && clock.GetUtcNow() - recent.At < CacheFor) return (recent.Qdrant, recent.LanguageModel);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_probed is { } fresh && clock.GetUtcNow() - fresh.At < CacheFor) return (fresh.Qdrant, fresh.LanguageModel);
            var qdrantProbe = ProbeQdrantAsync(cancellationToken);
            var modelProbe = ProbeLanguageModelAsync(cancellationToken);
            var result = (await qdrantProbe, await modelProbe);
            _probed = (clock.GetUtcNow(), result.Item1, result.Item2);
            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<Reachability> ProbeQdrantAsync(CancellationToken cancellationToken)
    {
        var url = qdrant.Value.Url;
        if (!string.Equals(rag.Value.Store, QdrantServiceCollectionExtensions.StoreKey, StringComparison.OrdinalIgnoreCase))
        {
            return Reachability.NotUsed(url);
        }
        // Qdrant:Url is the gRPC port, which answers no plain HTTP GET: ask its gRPC health service instead.
        var problem = await qdrantConnection.ProbeAsync(ProbeTimeout, cancellationToken);
        return new Reachability(problem is null ? Reachability.Reachable : Reachability.Unreachable, url, problem);
    }

    private Task<Reachability> ProbeLanguageModelAsync(CancellationToken cancellationToken)
    {
        var options = assistant.Value;
        if (!string.Equals(options.Provider, ChatProviders.OpenAI, StringComparison.OrdinalIgnoreCase)) return Task.FromResult(Reachability.NotUsed(null));
        var endpoint = (string.IsNullOrWhiteSpace(options.Endpoint) ? "https://api.openai.com/v1" : options.Endpoint).TrimEnd('/');
        return GetAsync($"{endpoint}/models", endpoint, request =>
        {
            if (!string.IsNullOrEmpty(options.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }, cancellationToken);
    }

    /// <summary>Any answer but a server error counts as reachable; a refused key is reported, since nothing can be asked with it.</summary>
    private async Task<Reachability> GetAsync(string url, string shownUrl, Action<HttpRequestMessage> prepare, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            prepare(request);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return code switch
            {
                401 or 403 => new Reachability(Reachability.Unreachable, shownUrl, $"the key was refused (HTTP {code})"),
                >= 500 => new Reachability(Reachability.Unreachable, shownUrl, $"HTTP {code}"),
                _ => new Reachability(Reachability.Reachable, shownUrl, null),
            };
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new Reachability(Reachability.Unreachable, shownUrl,
                exception is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            return new Reachability(Reachability.Unreachable, shownUrl, exception.Message);
        }
    }
}

/// <summary>
/// The state of the app, as /health returns it (snake_case). <paramref name="Status"/> is <c>ready</c>, <c>starting</c>,
/// <c>indexing</c> (the sample papers are being added), <c>degraded</c> (a required service is unreachable) or
/// <c>unavailable</c> (see <paramref name="Problem"/>); <paramref name="CanAnswer"/> decides 200 or 503.
/// </summary>
public sealed record HealthReport(
    string Status,
    bool CanAnswer,
    long Papers,
    bool Indexing,
    string Store,
    string Embeddings,
    string AnswerWriter,
    Reachability Qdrant,
    Reachability LanguageModel,
    string? Problem);

/// <summary><paramref name="State"/> is <c>reachable</c>, <c>unreachable</c> or <c>not used</c> (the configuration does not need the service).</summary>
public sealed record Reachability(string State, string? Url, string? Detail)
{
    public const string Reachable = "reachable";
    public const string Unreachable = "unreachable";
    public const string NotUsedState = "not used";

    public static Reachability NotUsed(string? url) => new(NotUsedState, url, null);
}
