using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Orchestration;
using RagAssistant.Qdrant;
using RagAssistant.Qdrant.Connection;

namespace RagAssistant.Web.Status;

/// <summary>
/// Whether the services in other processes (Qdrant, the language-model endpoint) answer. Probed with short timeouts
/// and remembered for a few seconds, so /health and the page footer stay cheap to poll.
/// </summary>
public sealed class ServiceReachability(
    IOptions<RagOptions> rag,
    IOptions<AssistantOptions> assistant,
    IOptions<QdrantOptions> qdrant,
    QdrantConnection qdrantConnection,
    IHttpClientFactory httpClients,
    TimeProvider clock)
{
    public const string HttpClientName = "ServiceReachability";
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (DateTimeOffset At, Reachability Qdrant, Reachability LanguageModel)? _probed;

    public async Task<(Reachability Qdrant, Reachability LanguageModel)> ProbeAsync(CancellationToken cancellationToken)
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

/// <summary><paramref name="State"/> is <c>reachable</c>, <c>unreachable</c> or <c>not used</c> (the configuration does not need the service).</summary>
public sealed record Reachability(string State, string? Url, string? Detail)
{
    public const string Reachable = "reachable";
    public const string Unreachable = "unreachable";
    public const string NotUsedState = "not used";

    public static Reachability NotUsed(string? url) => new(NotUsedState, url, null);
}
