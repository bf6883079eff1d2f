using System.Text.Json;
using RagAssistant.Qdrant.Tests.Server;

namespace RagAssistant.Cli.Tests;

/// <summary>
/// `rag bench` on a small slice of SciFact with the real local model, against the embedded store and a real Qdrant:
/// one JSON line per index run and per size and mode, with the fields the README's tables are built from.
/// </summary>
public sealed class BenchCommandTests : IDisposable
{
    private static readonly string[] SearchFields = ["store", "size", "mode", "p50_ms", "p95_ms", "embed_p50_ms"];
    private static readonly string[] QdrantFields = ["qdrant_p50_ms", "qdrant_p95_ms"];

    private readonly string _beir = SciFactSlice.Create();

    [Fact]
    public async Task Qdrant_lines_put_the_project_search_beside_the_bare_qdrant_query()
    {
        await using var node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        try
        {
            var lines = await BenchAsync("qdrant", new Dictionary<string, string> { ["Qdrant__Url"] = node.Url });

            AssertIndexLines(lines, "qdrant");
            AssertSearchParts(lines, "qdrant");
            var searches = lines.Where(line => line.TryGetProperty("mode", out _)).ToList();
            Assert.Equal(8, searches.Count); // two sizes × sparse, dense, hybrid, reranked
            foreach (var line in searches)
            {
                Assert.Equal([.. SearchFields, .. QdrantFields], line.EnumerateObject().Select(p => p.Name));
                Assert.InRange(line.GetProperty("qdrant_p50_ms").GetDouble(), 0.01, line.GetProperty("qdrant_p95_ms").GetDouble());
                AssertLatencies(line);
            }
            using var http = new HttpClient();
            var collections = JsonDocument.Parse(await http.GetStringAsync($"{node.RestUrl}/collections")).RootElement;
            Assert.Empty(collections.GetProperty("result").GetProperty("collections").EnumerateArray()); // the bench leaves nothing behind
        }
        finally
        {
            await node.StopAsync();
            node.DeleteFiles();
        }
    }

    [Fact]
    public async Task Embedded_lines_carry_no_qdrant_fields()
    {
        var lines = await BenchAsync("embedded", []);

        AssertIndexLines(lines, "embedded");
        AssertSearchParts(lines, "embedded");
        var searches = lines.Where(line => line.TryGetProperty("mode", out _)).ToList();
        Assert.Equal(["sparse", "dense", "hybrid", "reranked", "sparse", "dense", "hybrid", "reranked"], searches.Select(line => line.GetProperty("mode").GetString()));
        Assert.All(searches, line => Assert.Equal(SearchFields, line.EnumerateObject().Select(p => p.Name)));
        Assert.All(searches, AssertLatencies);
    }

    public void Dispose() => Directory.Delete(_beir, recursive: true);

    private async Task<List<JsonElement>> BenchAsync(string store, Dictionary<string, string> environment)
    {
        var result = await RagCli.RunAsync(["bench", "--beir", _beir, "--sizes", "40", "90", "--queries", "4", "--store", store, "--json"], environment);
        Assert.True(result.ExitCode == 0, result.Error);
        return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
    }

    private static void AssertIndexLines(List<JsonElement> lines, string store)
    {
        var index = lines.Where(line => line.TryGetProperty("benchmark", out var kind) && kind.GetString() == "index").ToList();
        Assert.Equal([40, 90], index.Select(line => line.GetProperty("size").GetInt32()));
        Assert.All(index, line => Assert.Equal(store, line.GetProperty("store").GetString()));
        Assert.All(index, line => Assert.True(line.GetProperty("points_per_second").GetDouble() > 0, line.ToString()));
        Assert.All(index, line => Assert.InRange(line.GetProperty("vectors_per_point").GetDouble(), 1, 20)); // chunk vectors per paper
    }

    /// <summary>Where each size and mode's searches spent their time: the two store calls, and the rest.</summary>
    private static void AssertSearchParts(List<JsonElement> lines, string store)
    {
        var parts = lines.Where(line => line.TryGetProperty("benchmark", out var kind) && kind.GetString() == "search_parts").ToList();
        Assert.Equal(["sparse", "dense", "hybrid", "reranked", "sparse", "dense", "hybrid", "reranked"], parts.Select(line => line.GetProperty("search_mode").GetString()));
        Assert.All(parts, line => Assert.Equal(store, line.GetProperty("store").GetString()));
        Assert.All(parts, line => Assert.True(line.GetProperty("rank_p50_ms").GetDouble() > 0 && line.GetProperty("fetch_p50_ms").GetDouble() > 0, line.ToString()));
    }

    private static void AssertLatencies(JsonElement line)
    {
        Assert.InRange(line.GetProperty("p50_ms").GetDouble(), 0.01, line.GetProperty("p95_ms").GetDouble());
        Assert.True(line.GetProperty("embed_p50_ms").GetDouble() > 0, line.ToString()); // the question's embedding, timed apart
    }
}
