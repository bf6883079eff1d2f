using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RagAssistant.Qdrant.Tests.Server;

/// <summary>
/// A distributed Qdrant on loopback: the first node founds the cluster, the others join it by
/// bootstrapping from its p2p port once it is ready (joining earlier makes them exit).
/// </summary>
internal sealed class QdrantCluster : IAsyncDisposable
{
    private QdrantCluster(List<QdrantNode> nodes) => Nodes = nodes;

    public List<QdrantNode> Nodes { get; }

    public static async Task<QdrantCluster> StartAsync(int size)
    {
        var nodes = new List<QdrantNode>();
        var cluster = new QdrantCluster(nodes);
        try
        {
            var first = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh(clustered: true));
            nodes.Add(first);
            for (var i = 1; i < size; i++)
            {
                nodes.Add(await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh(clustered: true, bootstrapP2pPort: first.Settings.P2pPort)));
            }
            await cluster.WaitForPeersAsync(size, TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task WaitForPeersAsync(int expected, TimeSpan limit)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var counts = new List<int>();
            foreach (var node in Nodes)
            {
                var status = await http.GetFromJsonAsync<JsonObject>($"{node.RestUrl}/cluster");
                counts.Add(status?["result"]?["peers"]?.AsObject().Count ?? 0);
            }
            if (counts.All(c => c == expected)) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"The cluster did not reach {expected} peers within {limit}.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        foreach (var node in Nodes) node.DeleteFiles();
    }
}
