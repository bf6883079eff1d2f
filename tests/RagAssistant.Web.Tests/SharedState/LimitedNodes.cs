using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RagAssistant.Qdrant.Tests.Server;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.SharedState;

/// <summary>
/// Two app nodes (A and B) on Kestrel sharing one real Redis and one real Qdrant (<c>Rag:SharedState=redis</c>), started
/// together, BM25 only. Limits are low and their windows an hour long, so nothing renews while a test runs; each test
/// calls from a loopback address of its own (<see cref="ClientFrom"/>) so that the per-address limits of one test leave
/// the others alone.
/// </summary>
public sealed class LimitedNodes : IAsyncLifetime
{
    public const int RequestLimit = 5;
    public const int QuestionLimit = 2;
    public const int FilesPerDay = 2;

    private RedisServer? _redis;
    private QdrantNode? _qdrant;

    public RagAppHost A { get; private set; } = null!;

    public RagAppHost B { get; private set; } = null!;

    /// <summary>Every log line of both nodes, as "A: message" or "B: message".</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _qdrant = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        A = Node("A");
        B = Node("B");
        await Task.WhenAll(A.StartAsync(), B.StartAsync());
    }

    private RagAppHost Node(string name) => new(localEmbeddings: false,
        services => services.AddSingleton<ILoggerProvider>(new RecordingLoggerProvider(name, Logs)),
        new Dictionary<string, string?>
        {
            ["Rag:Store"] = "qdrant",
            ["Qdrant:Url"] = _qdrant!.Url,
            ["Qdrant:Collection"] = "two-nodes",
            ["Rag:SharedState"] = "redis",
            ["Redis:Connection"] = _redis!.ConnectionString,
            ["RateLimits:PermitLimit"] = RequestLimit.ToString(),
            ["RateLimits:Window"] = "01:00:00",
            ["QuestionLimits:PermitLimit"] = QuestionLimit.ToString(),
            ["QuestionLimits:Window"] = "01:00:00",
            ["UploadLimits:FilesPerDay"] = FilesPerDay.ToString(),
        });

    /// <summary>An HTTP client of <paramref name="node"/> whose requests come from <paramref name="address"/> (any 127.x.y.z).</summary>
    public static HttpClient ClientFrom(string address, RagAppHost node) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = node.BaseAddress };

    /// <summary>A bUnit context over <paramref name="node"/>'s real services whose page caller is <paramref name="caller"/>, as in a circuit.</summary>
    public static BunitContext PagesOf(RagAppHost node, Caller caller)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var scope = node.Services.CreateScope().ServiceProvider;
        scope.GetRequiredService<PageCaller>().Current = caller;
        context.Services.AddFallbackServiceProvider(scope);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (_qdrant is not null)
        {
            await _qdrant.DisposeAsync();
            _qdrant.DeleteFiles();
        }
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private sealed class RecordingLoggerProvider(string node, ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(node, lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(string node, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) lines.Enqueue($"{node}: {formatter(state, exception)}");
            }
        }
    }
}
