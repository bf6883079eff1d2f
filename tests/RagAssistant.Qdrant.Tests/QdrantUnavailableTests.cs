using RagAssistant.Core.Indexing;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Tests.Server;

namespace RagAssistant.Qdrant.Tests;

/// <summary>A Qdrant that goes away is reported as unreachable, naming its URL, and a re-run after it returns completes the index.</summary>
public sealed class QdrantUnavailableTests
{
    [Fact]
    public async Task A_stopped_server_is_reported_and_a_rerun_after_restart_completes_the_index()
    {
        var papers = SamplePapers.Topics;
        var node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        try
        {
            await using (var services = new QdrantServices(node.Url, "papers"))
            {
                await services.Index.OpenAsync(SamplePapers.Signature);
                await services.Index.UpsertAsync([.. papers.Take(3)]);
                await node.StopAsync();

                var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => services.Index.UpsertAsync([.. papers.Skip(3)]));
                Assert.Contains(node.Url, error.Message);
                await Assert.ThrowsAsync<StoreUnavailableException>(() => services.Index.CountPapersAsync());
            }

            node = await node.RestartAsync();
            await using (var services = new QdrantServices(node.Url, "papers"))
            {
                await services.Index.OpenAsync(SamplePapers.Signature);
                var stored = await services.Index.GetContentHashesAsync();
                Assert.Equal(papers.Take(3).Select(p => p.Paper.Id).Order(), stored.Keys.Order());

                // What an indexer re-run does: write whatever is missing or changed.
                await services.Index.UpsertAsync([.. papers.Where(p => stored.GetValueOrDefault(p.Paper.Id) != p.Paper.ContentHash)]);
                Assert.Equal(papers.Count, await services.Index.CountPapersAsync());
                Assert.Equal((ulong)papers.Count, await services.Client.CountAsync(services.Collection));
            }
        }
        finally
        {
            await node.StopAsync();
            node.DeleteFiles();
        }
    }

    [Fact]
    public async Task Indexing_stopped_by_a_vanished_server_is_completed_by_a_rerun()
    {
        using var embedder = new HashedWordsEmbedder();
        // Larger than one write (PaperWriter.MaxPapersPerWrite), so papers are left for the rerun however the batches group.
        var corpus = TestRepository.SciFactCorpus;
        const int papers = 5183;
        var node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        try
        {
            await using (var services = new QdrantServices(node.Url, "papers"))
            {
                var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
                    StoreParityTests.Indexer(services.Index, embedder).IndexAsync([corpus], progress: new StopAfterFirstBatch(node)));
                Assert.Contains(node.Url, error.Message);
            }

            node = await node.RestartAsync();
            await using (var services = new QdrantServices(node.Url, "papers"))
            {
                var rerun = await StoreParityTests.Indexer(services.Index, embedder).IndexAsync([corpus]);

                Assert.Equal(papers, rerun.Papers);
                Assert.InRange(rerun.Added, 1, papers - PaperIndexer.BatchSize);
                Assert.Equal(papers, await services.Index.CountPapersAsync());
                Assert.Equal((ulong)papers, await services.Client.CountAsync(services.Collection)); // one point per paper, none twice
            }
        }
        finally
        {
            await node.StopAsync();
            node.DeleteFiles();
        }
    }

    [Fact]
    public async Task A_server_that_never_ran_is_reported_with_its_url()
    {
        var url = $"http://127.0.0.1:{FreePorts.Take(1)[0]}";
        await using var services = new QdrantServices(url);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => services.Index.OpenAsync(SamplePapers.Signature));

        Assert.Contains(url, error.Message);
        Assert.Contains("Qdrant__Url", error.Message);
    }

    /// <summary>Stops Qdrant once the first batch is written, so the indexer meets a vanished server mid-run.</summary>
    private sealed class StopAfterFirstBatch(QdrantNode node) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            if (value.Done > 0 && node.IsRunning) node.StopAsync().GetAwaiter().GetResult();
        }
    }
}
