using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Sqlite;
using RagAssistant.Sqlite.Search;

namespace RagAssistant.Core.Tests.Storage;

/// <summary>
/// The embedded store's dense search through its HNSW graph (forced on with <c>ExactBelowChunks = 0</c>) against
/// exact search over the very same file: it must find the same papers with the same scores, keep finding them after
/// the store changed behind a saved graph, and never trust a saved graph that belongs to another state of the store.
/// </summary>
public sealed class GraphSearchTests : IDisposable
{
    private static readonly EmbeddedSearchOptions Graph = new() { ExactBelowChunks = 0 };
    private static readonly EmbeddedSearchOptions Exact = new() { ExactBelowChunks = int.MaxValue };

    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task The_graph_finds_the_papers_exact_search_finds_with_exactly_their_scores()
    {
        var corpus = new ClusteredPapers(seed: 11);
        await using (var writer = await OpenAsync(Exact))
        {
            foreach (var batch in corpus.Papers(3000).Chunk(500)) await writer.UpsertAsync(batch);
        }
        await using var exact = await OpenAsync(Exact);
        await using var graph = await OpenAsync(Graph);

        var (recall, queries) = (0.0, 60);
        foreach (var vector in corpus.Queries(queries))
        {
            var query = new SearchQuery(SparseVector.Empty, vector, Candidates: 10);
            var truth = (await exact.RankAsync(query)).Dense;
            var found = (await graph.RankAsync(query)).Dense;
            recall += found.Count(hit => truth.Any(t => t.PaperId == hit.PaperId)) / (double)truth.Count;
            var exactScores = truth.ToDictionary(hit => hit.PaperId, hit => hit.Score);
            foreach (var hit in found.Where(hit => exactScores.ContainsKey(hit.PaperId)))
            {
                Assert.Equal(exactScores[hit.PaperId], hit.Score); // re-scored from the stored f32 vectors: the same double
            }
        }
        Assert.True(recall / queries >= 0.98, $"recall@10 of the graph against exact search: {recall / queries:F3}");
        Assert.True(File.Exists(Path.Combine(_folder.Path, "index.db.graph")), "the graph is saved beside index.db");
        Assert.False(File.Exists(Path.Combine(_folder.Path, "index.db.graph.tmp")));
    }

    [Fact]
    public async Task A_date_filter_is_applied_by_the_graph_as_by_exact_search()
    {
        var corpus = new ClusteredPapers(seed: 12);
        await using (var writer = await OpenAsync(Exact))
        {
            foreach (var batch in corpus.Papers(2000).Chunk(500)) await writer.UpsertAsync(batch);
        }
        await using var exact = await OpenAsync(Exact);
        await using var graph = await OpenAsync(Graph);

        foreach (var vector in corpus.Queries(20))
        {
            var query = new SearchQuery(SparseVector.Empty, vector, Candidates: 10, FromDate: new DateOnly(2024, 7, 1));
            var truth = (await exact.RankAsync(query)).Dense;
            var found = (await graph.RankAsync(query)).Dense;
            Assert.All(found, hit => Assert.True(ClusteredPapers.DateOf(hit.PaperId) >= new DateOnly(2024, 7, 1), $"{hit.PaperId} is older than the filter"));
            Assert.True(found.Count(hit => truth.Any(t => t.PaperId == hit.PaperId)) >= 9, $"found [{string.Join(", ", found.Select(hit => hit.PaperId))}], exact [{string.Join(", ", truth.Select(hit => hit.PaperId))}]");
        }
    }

    [Fact]
    public async Task A_saved_graph_the_store_has_moved_past_is_brought_up_to_date_before_it_is_searched()
    {
        var corpus = new ClusteredPapers(seed: 13);
        var first = corpus.Papers(1500).ToList();
        await using (var app = await OpenAsync(Graph))
        {
            await app.UpsertAsync(first);
            Assert.NotEmpty((await app.RankAsync(new SearchQuery(SparseVector.Empty, corpus.Queries(1).Single(), 10))).Dense);
        } // the graph is saved as the app stops

        // Another process writes while the app is down: 300 new papers, and 200 earlier ones written anew with other vectors.
        var moved = corpus.Moved(first.Take(200)).ToList();
        await using (var indexer = await OpenAsync(Exact))
        {
            await indexer.UpsertAsync([.. corpus.Papers(1800).Skip(1500), .. moved]);
        }

        await using var reopened = await OpenAsync(Graph);
        await using var exact = await OpenAsync(Exact);
        foreach (var paper in moved.Take(20))
        {
            // Its new vector, asked for: the paper comes first with the cosine of its new chunk, as exact search says.
            var query = new SearchQuery(SparseVector.Empty, paper.Vectors[0], Candidates: 10);
            var truth = (await exact.RankAsync(query)).Dense;
            var found = (await reopened.RankAsync(query)).Dense;
            Assert.Equal(paper.Paper.Id, found[0].PaperId);
            Assert.Equal(truth[0].Score, found[0].Score);
        }
        Assert.Equal(1800, await reopened.CountPapersAsync());
    }

    [Fact]
    public async Task A_saved_graph_of_an_earlier_store_in_the_same_place_is_not_trusted()
    {
        var corpus = new ClusteredPapers(seed: 14);
        var graphFile = Path.Combine(_folder.Path, "index.db.graph");
        var oldGraph = Path.Combine(_folder.Path, "old.graph");
        await using (var app = await OpenAsync(Graph))
        {
            await app.UpsertAsync([.. corpus.Papers(1000)]);
        }
        File.Copy(graphFile, oldGraph);

        // The store is rebuilt with the same paper ids and other vectors, then the earlier graph file is put back.
        var rebuilt = corpus.Moved(corpus.Papers(1000)).ToList();
        await using (var app = await OpenAsync(Graph))
        {
            await app.ClearAsync();
            await app.OpenAsync(ClusteredPapers.Signature);
            await app.UpsertAsync(rebuilt);
        }
        File.Copy(oldGraph, graphFile, overwrite: true);

        await using var reopened = await OpenAsync(Graph);
        foreach (var paper in rebuilt.Take(30))
        {
            var found = (await reopened.RankAsync(new SearchQuery(SparseVector.Empty, paper.Vectors[0], Candidates: 5))).Dense;
            Assert.Equal(paper.Paper.Id, found[0].PaperId);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_damaged_or_lost_graph_file_is_rebuilt_from_the_store(bool lost)
    {
        var corpus = new ClusteredPapers(seed: 15);
        var papers = corpus.Papers(800).ToList();
        await using (var app = await OpenAsync(Graph))
        {
            await app.UpsertAsync(papers);
        }
        var graphFile = Path.Combine(_folder.Path, "index.db.graph");
        var bytes = File.ReadAllBytes(graphFile);
        if (lost) File.Delete(graphFile);
        else File.WriteAllBytes(graphFile, bytes[..(bytes.Length / 2)]); // cut off half-way, as a full disk might leave it

        await using var reopened = await OpenAsync(Graph);
        foreach (var paper in papers.Take(20))
        {
            var found = (await reopened.RankAsync(new SearchQuery(SparseVector.Empty, paper.Vectors[0], Candidates: 5))).Dense;
            Assert.Equal(paper.Paper.Id, found[0].PaperId);
        }
        Assert.True(File.Exists(graphFile), "the rebuilt graph is saved again");
    }

    private async Task<EmbeddedPaperIndex> OpenAsync(EmbeddedSearchOptions options)
    {
        var index = new EmbeddedPaperIndex(_folder.Path, options);
        await index.OpenAsync(ClusteredPapers.Signature);
        return index;
    }

    public void Dispose() => _folder.Dispose();
}
