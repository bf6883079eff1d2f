namespace RagAssistant.ScaleOut.Tests.Topology;

/// <summary>
/// For each node, a value of nginx's <c>rag_node</c> cookie that the balancer routes to it. nginx hashes the cookie to
/// choose a node, so a test that must begin on node 1 and go on on node 2 sends one value and then the other, as a browser
/// does whose node went away. Found by asking the balancer which node answered (its <c>X-Rag-Node</c> header) while
/// every node is up.
/// </summary>
internal static class NodeAffinity
{
    public const string Cookie = "rag_node";

    public static async Task<IReadOnlyDictionary<string, string>> FindAsync(ScaleScript topology)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        var keys = new Dictionary<string, string>();
        for (var i = 0; keys.Count < topology.Nodes.Count; i++)
        {
            if (i == 500) throw new InvalidOperationException($"500 cookie values reached only {string.Join(", ", keys.Keys)} through {topology.Balancer}.");
            var key = $"affinity-{i}";
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(topology.Balancer, "/health"));
            request.Headers.Add("Cookie", $"{Cookie}={key}");
            using var response = await http.SendAsync(request);
            keys.TryAdd(topology.NodeAt(response.Headers.GetValues("X-Rag-Node").Single()).Name, key);
        }
        return keys;
    }
}
