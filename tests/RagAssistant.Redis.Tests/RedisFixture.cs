using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Conversations;
using RagAssistant.Redis.Conversations;
using StackExchange.Redis;

namespace RagAssistant.Redis.Tests;

/// <summary>
/// One real redis-server for a test class, and "nodes" over it: each a connection and a store of its own, as two app
/// processes would have. Tests keep apart by key prefix.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private readonly List<IConnectionMultiplexer> _connections = [];
    private RedisServer? _server;

    internal RedisServer Server => _server ?? throw new InvalidOperationException("Redis is not started.");

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    /// <summary>A new node's conversation store under <paramref name="prefix"/>, with its own connection to the shared Redis.</summary>
    public RedisConversationStore Node(string prefix, int exchangesInMemory = 50)
    {
        var options = ConfigurationOptions.Parse(Server.ConnectionString);
        options.AbortOnConnectFail = false;
        var connection = ConnectionMultiplexer.Connect(options);
        lock (_connections) _connections.Add(connection);
        return new RedisConversationStore(
            connection,
            Options.Create(new RedisOptions { Connection = Server.ConnectionString, KeyPrefix = prefix }),
            Options.Create(new ConversationOptions { ExchangesInMemory = exchangesInMemory }),
            TimeProvider.System,
            NullLogger<RedisConversationStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
