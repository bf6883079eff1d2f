using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Client;

namespace RagAssistant.Qdrant.Tests;

/// <summary>The production wiring (<see cref="QdrantServiceCollectionExtensions.AddQdrantIndex"/>) pointed at a test server.</summary>
internal sealed class QdrantServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public QdrantServices(string url, string? collection = null, IDictionary<string, string?>? settings = null)
    {
        Collection = collection ?? $"papers-{Guid.NewGuid():N}";
        var values = new Dictionary<string, string?>
        {
            ["Qdrant:Url"] = url,
            ["Qdrant:Collection"] = Collection,
            // Short, so that a stopped server fails a test in seconds; production keeps the longer defaults.
            ["Qdrant:MaxRetries"] = "2",
            ["Qdrant:RetryDelay"] = "00:00:00.200",
            ["Qdrant:AttemptTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _provider = new ServiceCollection().AddLogging().AddQdrantIndex(configuration).BuildServiceProvider();
    }

    public string Collection { get; }

    public QdrantClient Client => _provider.GetRequiredService<QdrantClient>();

    public IPaperIndex Index => _provider.GetRequiredKeyedService<IPaperIndex>(QdrantServiceCollectionExtensions.StoreKey);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
