using System.Net;
using System.Net.Http.Headers;
using RagAssistant.Qdrant.Tests.Server;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.SharedState;

/// <summary>
/// Two app nodes on Kestrel sharing one real Qdrant and one real Redis (<c>Rag:SharedState=redis</c>), as behind a load
/// balancer, with a server key set. Node A starts first and indexes the sample papers (BM25 only); node B then finds
/// them there. Shared by the tests of a class.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string Key = "5f996088f468b68b5038151b144b973530e35f1a7811fff69c76672d1913b68e";

    private QdrantNode? _qdrant;

    internal RedisServer Redis { get; private set; } = null!;

    public RagAppHost A { get; private set; } = null!;

    public RagAppHost B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _qdrant = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        Redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Rag:Store"] = "qdrant",
            ["Qdrant:Url"] = _qdrant.Url,
            ["Qdrant:Collection"] = "two-nodes",
            ["Rag:SharedState"] = "redis",
            ["Redis:Connection"] = Redis.ConnectionString,
            ["Redis:KeyPrefix"] = "two-nodes:",
            ["Rag:ApiKey"] = Key,
        };
        A = new RagAppHost(localEmbeddings: false, settings: settings);
        await A.StartAsync();
        B = new RagAppHost(localEmbeddings: false, settings: settings);
        await B.StartAsync();
    }

    /// <summary>A machine client of one node, presenting the server key.</summary>
    public static HttpClient Machine(RagAppHost node)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    /// <summary>A browser-like client of one node: its own cookies, redirects not followed.</summary>
    public static HttpClient Browser(RagAppHost node, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };

    public async Task DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (_qdrant is not null)
        {
            await _qdrant.DisposeAsync();
            _qdrant.DeleteFiles();
        }
    }
}
