using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>The key the embedded <see cref="IPaperIndex"/> is registered under, matching <c>Rag:Store=embedded</c>.</summary>
    public const string StoreKey = CoreServiceCollectionExtensions.EmbeddedStore;

    /// <summary>The embedded store, a file in the data directory (<c>Rag:DataDir</c>).</summary>
    public static IServiceCollection AddEmbeddedIndex(this IServiceCollection services)
    {
        services.AddKeyedSingleton<IPaperIndex>(StoreKey, (provider, _) =>
            new EmbeddedPaperIndex(provider.GetRequiredService<IOptions<RagOptions>>().Value.DataDirFullPath));
        return services;
    }
}
