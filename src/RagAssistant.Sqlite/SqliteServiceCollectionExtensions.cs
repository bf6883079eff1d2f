using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Retrieval;
using RagAssistant.Sqlite.Search;

namespace RagAssistant.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>The key the embedded <see cref="IPaperIndex"/> is registered under, matching <c>Rag:Store=embedded</c>.</summary>
    public const string StoreKey = CoreServiceCollectionExtensions.EmbeddedStore;

    /// <summary>The embedded store, a file in the data directory (<c>Rag:DataDir</c>), searched as the <c>Embedded</c> section says.</summary>
    public static IServiceCollection AddEmbeddedIndex(this IServiceCollection services)
    {
        services.AddOptions<EmbeddedSearchOptions>()
            .BindConfiguration(EmbeddedSearchOptions.Section)
            .Validate(o => o.ExactBelowChunks >= 0, "Embedded:ExactBelowChunks must not be negative (0 searches through the graph always).")
            .ValidateOnStart();
        services.AddKeyedSingleton<IPaperIndex>(StoreKey, (provider, _) =>
            new EmbeddedPaperIndex(
                provider.GetRequiredService<IOptions<RagOptions>>().Value.DataDirFullPath,
                provider.GetRequiredService<IOptions<EmbeddedSearchOptions>>().Value));
        return services;
    }
}
