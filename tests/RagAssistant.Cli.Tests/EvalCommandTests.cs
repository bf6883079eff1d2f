namespace RagAssistant.Cli.Tests;

public sealed class EvalCommandTests
{
    [Fact]
    public async Task Sparse_retrieval_on_scifact_train_reaches_published_bm25_quality()
    {
        var result = await RagCli.RunAsync(
            ["eval", "--beir", TestRepository.SciFact, "--split", "train", "--mode", "sparse", "--json"],
            IndexCommandTests.Environment());

        Assert.Equal(0, result.ExitCode);
        foreach (var field in new[] { "queries", "ndcg@10", "recall@100", "mrr@10", "index_seconds", "query_p50_ms", "query_p95_ms" })
        {
            Assert.True(result.Json.TryGetProperty(field, out _), $"the JSON result lacks \"{field}\"");
        }
        Assert.Equal(809, result.Json.GetProperty("queries").GetInt32());
        Assert.True(result.Json.GetProperty("ndcg@10").GetDouble() >= 0.66, result.Output);
    }
}
