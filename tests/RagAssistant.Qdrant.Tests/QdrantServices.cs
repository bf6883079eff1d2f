using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qdrant.Client;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Connection;

namespace RagAssistant.Qdrant.Tests;

/// <summary>The production wiring (<see cref="QdrantServiceCollectionExtensions.AddQdrantIndex"/>) pointed at a test server.</summary>
internal sealed class QdrantServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    /// <param name="url">The server's gRPC endpoint.</param>
    public QdrantServices(string url, string? collection = null, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
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
        _provider = new ServiceCollection().AddLogging(logging =>
            {
                if (logs is not null) logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            }).AddQdrantIndex(configuration).BuildServiceProvider();
    }

    public string Collection { get; }

    public QdrantConnection Connection => _provider.GetRequiredService<QdrantConnection>();

    /// <summary>The official client on the product's connection, for looking into the collection directly.</summary>
    public QdrantClient Client => Connection.Client;

    public IPaperIndex Index => _provider.GetRequiredKeyedService<IPaperIndex>(QdrantServiceCollectionExtensions.StoreKey);

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
