using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Core.Configuration;

public static class CoreServiceCollectionExtensions
{
    public const string EmbeddedStore = "embedded";

    /// <summary>
    /// Ingestion, indexing and search. Call after the embedding and store registrations (the embedded store, Qdrant):
    /// the index used is the keyed <see cref="IPaperIndex"/> named by <c>Rag:Store</c>.
    /// </summary>
    public static IServiceCollection AddRagCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RagOptions>()
            .Bind(configuration.GetSection(RagOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDir), "Rag:DataDir must not be empty; unset it to use the default data directory.")
            .Validate(o => o.Store.Trim().ToLowerInvariant() is EmbeddedStore or "qdrant", "Rag:Store must be \"embedded\" or \"qdrant\".")
            .Validate(o => o.SharedState.Trim().ToLowerInvariant() is "local" or "redis", "Rag:SharedState must be \"local\" or \"redis\".")
            // Every node answers from the one index and any node may index an upload: a file store on one node's disk cannot be that.
            .Validate(o => !o.SharesStateInRedis || o.Store.Trim().ToLowerInvariant() == "qdrant",
                "Rag:SharedState=redis runs several app nodes over one index, so it needs Rag:Store=qdrant; the embedded store lives on one node's disk.")
            .Validate(o => o.MaxFileBytes > 0, "Rag:MaxFileBytes must be a positive number of bytes.");
        services.TryAddSingleton<ITokenCounter>(new ApproximateTokenCounter(512));
        services.AddSingleton(provider => new PaperFileReader(Options(provider).MaxFileBytes));
        services.AddSingleton<AbstractChunker>();
        services.AddSingleton(provider =>
        {
            var store = Options(provider).Store.Trim().ToLowerInvariant();
            return provider.GetKeyedService<IPaperIndex>(store)
                ?? throw new InvalidOperationException($"Unknown store \"{store}\" in Rag:Store; use \"embedded\" or \"qdrant\".");
        });
        services.AddOptions<RankingOptions>().Bind(configuration.GetSection(RankingOptions.Section));
        // Read once, when retrieval is first composed: a missing or malformed model file fails then, naming its path.
        services.AddSingleton(provider => LearnedRanker.Load(provider.GetRequiredService<IOptions<RankingOptions>>().Value.ModelPath));
        services.AddSingleton(provider => new PaperRetriever(
            provider.GetRequiredService<IPaperIndex>(), Embedder(provider),
            ranker: provider.GetRequiredService<IOptions<RankingOptions>>().Value.Enabled ? provider.GetRequiredService<LearnedRanker>() : null));
        services.AddSingleton(provider => new PaperSearch(provider.GetRequiredService<PaperRetriever>()));
        services.AddSingleton(provider => new PaperIndexer(
            provider.GetRequiredService<IPaperIndex>(),
            provider.GetRequiredService<PaperFileReader>(),
            provider.GetRequiredService<AbstractChunker>(),
            Embedder(provider),
            provider.GetService<ISentenceRoleClassifier>()));
        return services;
    }

    /// <summary>Opens the configured index for the configured embedder; a mismatched store is refused here, before any work.</summary>
    public static async Task OpenIndexAsync(this IServiceProvider provider, CancellationToken cancellationToken = default)
    {
        var signature = await EmbeddingSignature.OfAsync(Embedder(provider), cancellationToken);
        await provider.GetRequiredService<IPaperIndex>().OpenAsync(signature, cancellationToken);
    }

    private static RagOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<RagOptions>>().Value;

    private static IEmbeddingGenerator<string, Embedding<float>>? Embedder(IServiceProvider provider) =>
        provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
}
