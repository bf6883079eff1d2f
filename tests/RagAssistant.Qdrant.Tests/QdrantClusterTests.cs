using System.Diagnostics;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Tests.Server;
using Xunit.Abstractions;

namespace RagAssistant.Qdrant.Tests;

/// <summary>
/// Scale beyond one machine: a 3-node Qdrant cluster on loopback holds the sample corpus in 3
/// shards with 2 replicas each, and answers the same after one node is stopped.
/// </summary>
public sealed class QdrantClusterTests(ITestOutputHelper output)
{
    private const int Dimension = 64;

    [Fact]
    public async Task Rankings_are_the_same_after_a_node_is_stopped()
    {
        var corpus = SamplePapers.Corpus(Dimension);
        var clock = Stopwatch.StartNew();
        await using var cluster = await QdrantCluster.StartAsync(3);
        output.WriteLine($"3-node cluster ready in {clock.Elapsed.TotalSeconds:F2} s");
        var entry = cluster.Nodes[0];
        await using var services = new QdrantServices(entry.Url, settings: new Dictionary<string, string?>
        {
            ["Qdrant:ShardNumber"] = "3",
            ["Qdrant:ReplicationFactor"] = "2",
        });
        var signature = new EmbeddingSignature("test", "random-unit-vectors", Dimension);
        await services.Index.OpenAsync(signature);
        clock.Restart();
        await services.Index.UpsertAsync(corpus);
        output.WriteLine($"{corpus.Count} papers ({corpus.Sum(p => p.Chunks.Count)} chunk vectors) upserted into the cluster in {clock.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(303, corpus.Count);
        Assert.Equal(303, await services.Index.CountPapersAsync());
        var placement = await services.Client.GetCollectionClusterSetupInfoAsync(services.Collection);
        Assert.Equal(3u, placement.ShardCount);
        Assert.Equal(6, placement.LocalShards.Count + placement.RemoteShards.Count);
        Assert.Equal(3, placement.LocalShards.Select(s => s.ShardId).Concat(placement.RemoteShards.Select(s => s.ShardId)).Distinct().Count());

        var before = await RankAllAsync(services.Index);
        foreach (var question in SamplePapers.Questions.Take(3))
        {
            var query = Query(question);
            var local = QdrantPaperIndexTests.ExpectedBm25(query, corpus).Take(3).Select(e => $"{e.Id}={e.Score:F4}");
            var remote = (await services.Index.RankAsync(query)).Sparse.Take(3).Select(r => $"{r.PaperId}={r.Score:F4}");
            output.WriteLine($"{question}: local [{string.Join(", ", local)}] cluster [{string.Join(", ", remote)}]");
        }
        var stopped = cluster.Nodes[2];
        clock.Restart();
        await stopped.StopAsync();
        output.WriteLine($"node stopped in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.False(stopped.IsRunning);
        clock.Restart();
        var after = await RankAllAsync(services.Index);
        output.WriteLine($"{after.Count} rankings after the stop in {clock.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(303, await services.Index.CountPapersAsync());
        foreach (var (key, ranking) in before)
        {
            Assert.True(Rankings.Same(ranking, after[key]), $"{key}: before [{Rankings.Describe(ranking)}], after [{Rankings.Describe(after[key])}]");
        }
        Assert.Contains(before, pair => pair.Value.Count > 0);
    }

    private static SearchQuery Query(string question) =>
        new(Core.Retrieval.Bm25.Bm25Encoder.EncodeQuery(question), SamplePapers.RandomUnitVector(question, Dimension), 10);

    /// <summary>Each question's dense and sparse rankings, keyed by both.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<RankedPaper>>> RankAllAsync(IPaperIndex index)
    {
        var results = new Dictionary<string, IReadOnlyList<RankedPaper>>();
        foreach (var question in SamplePapers.Questions)
        {
            var rankings = await index.RankAsync(Query(question));
            results[$"dense '{question}'"] = rankings.Dense;
            results[$"sparse '{question}'"] = rankings.Sparse;
        }
        return results;
    }
}
