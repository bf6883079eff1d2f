using System.Text.Json;
using RagAssistant.Qdrant.Tests.Server;

namespace RagAssistant.Cli.Tests;

/// <summary>
/// `rag eval` and `rag bench-ask` build their corpus in a collection of their own on the user's Qdrant: when they end,
/// whether they succeeded or failed, only the user's own collection is there, untouched.
/// </summary>
public sealed class ScratchCollectionTests : IAsyncLifetime
{
    private readonly string _beir = SciFactSlice.Create();
    private QdrantNode _node = null!;
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        _node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        _environment = IndexCommandTests.Environment();
        _environment["Qdrant__Url"] = _node.Url;
        var index = await RagCli.RunAsync(["index", TestRepository.SamplePapers, "--store", "qdrant", "--json"], _environment);
        Assert.True(index.ExitCode == 0, index.Error);
    }

    [Fact]
    public async Task Eval_and_bench_ask_leave_only_the_users_collection()
    {
        var before = await PapersCountAsync();

        var eval = await RagCli.RunAsync(["eval", "--beir", _beir, "--split", "train", "--mode", "sparse", "--store", "qdrant", "--json"], _environment);
        var benchAsk = await RagCli.RunAsync(["bench-ask", "--beir", _beir, "--queries", "2", "--store", "qdrant", "--json"], _environment);

        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Equal(60, eval.Json.GetProperty("papers").GetInt32());
        Assert.True(benchAsk.ExitCode == 0, benchAsk.Error);
        Assert.Equal(["papers"], await CollectionsAsync());
        Assert.Equal(before, await PapersCountAsync());
    }

    [Fact]
    public async Task An_eval_that_fails_after_indexing_removes_its_collection_too()
    {
        // Dense mode without an embedding model is refused only once the corpus is indexed.
        var eval = await RagCli.RunAsync(["eval", "--beir", _beir, "--split", "train", "--mode", "dense", "--store", "qdrant", "--json"], _environment);

        Assert.Equal(2, eval.ExitCode);
        Assert.Contains("embedding model", eval.Error);
        Assert.Equal(["papers"], await CollectionsAsync());
    }

    public async Task DisposeAsync()
    {
        await _node.StopAsync();
        _node.DeleteFiles();
        Directory.Delete(_beir, recursive: true);
    }

    private async Task<List<string>> CollectionsAsync()
    {
        using var http = new HttpClient();
        var answer = JsonDocument.Parse(await http.GetStringAsync($"{_node.RestUrl}/collections")).RootElement;
        return [.. answer.GetProperty("result").GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
    }

    private async Task<long> PapersCountAsync()
    {
        using var http = new HttpClient();
        var answer = JsonDocument.Parse(await http.GetStringAsync($"{_node.RestUrl}/collections/papers")).RootElement;
        return answer.GetProperty("result").GetProperty("points_count").GetInt64();
    }
}
