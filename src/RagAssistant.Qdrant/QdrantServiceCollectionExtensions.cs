using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Client;
using RagAssistant.Qdrant.Index;

namespace RagAssistant.Qdrant;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>The key the Qdrant <see cref="IPaperIndex"/> is registered under, matching <c>Rag:Store=qdrant</c>.</summary>
    public const string StoreKey = "qdrant";

    /// <summary>The one place that wires Qdrant: options, the resilient REST client and the keyed paper index.</summary>
    public static IServiceCollection AddQdrantIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QdrantOptions>()
            .Bind(configuration.GetSection(QdrantOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Qdrant:Url must be an absolute http(s) URL such as http://localhost:6333.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Collection), "Qdrant:Collection must not be empty.")
            .Validate(o => o.ShardNumber >= 1 && o.ReplicationFactor >= 1, "Qdrant:ShardNumber and Qdrant:ReplicationFactor must be at least 1.")
            .Validate(o => o.UpsertBatchSize >= 1 && o.MaxRetries >= 1, "Qdrant:UpsertBatchSize and Qdrant:MaxRetries must be at least 1.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.RetryDelay >= TimeSpan.Zero, "Qdrant:AttemptTimeout must be positive.");

        services.AddHttpClient(QdrantClient.HttpClientName, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<QdrantOptions>>().Value;
                http.BaseAddress = options.BaseAddress;
                // The resilience pipeline owns timeouts; HttpClient's own 100 s limit would cut retries short.
                http.Timeout = Timeout.InfiniteTimeSpan;
                if (!string.IsNullOrEmpty(options.ApiKey)) http.DefaultRequestHeaders.Add("api-key", options.ApiKey);
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var options = provider.GetRequiredService<IOptions<QdrantOptions>>().Value;
                // Every request Qdrant gets from us is idempotent (deterministic point ids, delete by filter), so POSTs retry too.
                resilience.Retry.MaxRetryAttempts = options.MaxRetries;
                resilience.Retry.Delay = options.RetryDelay;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 + TimeSpan.FromSeconds(1);
                resilience.TotalRequestTimeout.Timeout =
                    options.AttemptTimeout * (options.MaxRetries + 1) + options.RetryDelay * Math.Pow(2, options.MaxRetries + 1);
            });

        services.TryAddSingleton<QdrantClient>();
        services.AddKeyedSingleton<IPaperIndex, QdrantPaperIndex>(StoreKey);
        return services;
    }
}
