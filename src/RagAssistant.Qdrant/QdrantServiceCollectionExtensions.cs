using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Connection;
using RagAssistant.Qdrant.Index;

namespace RagAssistant.Qdrant;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>The key the Qdrant <see cref="IPaperIndex"/> is registered under, matching <c>Rag:Store=qdrant</c>.</summary>
    public const string StoreKey = "qdrant";

    /// <summary>The one place that wires Qdrant: options, the gRPC connection and the keyed paper index.</summary>
    public static IServiceCollection AddQdrantIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QdrantOptions>()
            .Bind(configuration.GetSection(QdrantOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Qdrant:Url must be an absolute http(s) URL of Qdrant's gRPC port, such as http://localhost:6334.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Collection), "Qdrant:Collection must not be empty.")
            .Validate(o => o.ShardNumber >= 1 && o.ReplicationFactor >= 1, "Qdrant:ShardNumber and Qdrant:ReplicationFactor must be at least 1.")
            .Validate(o => o.UpsertBatchSize >= 1 && o.UpsertConcurrency >= 1, "Qdrant:UpsertBatchSize and Qdrant:UpsertConcurrency must be at least 1.")
            .Validate(o => o.MaxRetries >= 0, "Qdrant:MaxRetries must not be negative.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.RetryDelay >= TimeSpan.Zero,
                "Qdrant:AttemptTimeout must be positive and Qdrant:RetryDelay not negative.");

        services.AddLogging(); // the index and the connection log; a host that configured logging keeps its setup
        services.TryAddSingleton<QdrantConnection>();
        services.AddKeyedSingleton<IPaperIndex, QdrantPaperIndex>(StoreKey);
        return services;
    }
}
