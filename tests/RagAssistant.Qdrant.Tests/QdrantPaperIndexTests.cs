using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Qdrant.Client;
using RagAssistant.Qdrant.Index;
using RagAssistant.Qdrant.Tests.Server;

namespace RagAssistant.Qdrant.Tests;

/// <summary><see cref="QdrantPaperIndex"/> against a real Qdrant, each test in its own collection.</summary>
public sealed class QdrantPaperIndexTests(QdrantServerFixture server) : IClassFixture<QdrantServerFixture>
{
    private static readonly IReadOnlyList<IndexedPaper> Papers = SamplePapers.Topics;

    [Fact]
    public async Task Stores_papers_and_gives_them_back()
    {
        await using var services = await OpenWithPapersAsync();
        var index = services.Index;

        Assert.Equal(Papers.Count, await index.CountPapersAsync());
        foreach (var paper in Papers) Assert.Equal(paper.Paper, await index.GetPaperAsync(paper.Paper.Id));
        Assert.Null(await index.GetPaperAsync("hf-no-such-paper"));
        Assert.Equal(Papers.ToDictionary(p => p.Paper.Id, p => p.Paper.ContentHash), await index.GetContentHashesAsync());
    }

    [Fact]
    public async Task Sparse_search_scores_bm25_with_idf_over_papers()
    {
        await using var services = await OpenWithPapersAsync();
        var query = SamplePapers.Query("sparse retrieval with BM25 and dense vectors", SearchMode.Sparse);

        var hits = await services.Index.SearchAsync(query);

        var expected = ExpectedBm25(query, Papers).Take(query.Top).ToList();
        Assert.Equal(expected.Select(e => e.Id), hits.Select(h => h.Paper.Id));
        foreach (var (hit, (_, score)) in hits.Zip(expected)) Assert.Equal(score, hit.Score, 4);
        var first = Papers.Single(p => p.Paper.Id == hits[0].Paper.Id);
        Assert.Equal(first.Chunks[0].Body, hits[0].Snippet);
    }

    [Fact]
    public async Task Dense_search_returns_each_paper_once_with_its_best_chunk()
    {
        await using var services = await OpenWithPapersAsync();
        var hits = await services.Index.SearchAsync(SamplePapers.Query("video", SearchMode.Dense, top: 8, topic: 1));

        var video = Papers[1];
        Assert.Equal(video.Paper.Id, hits[0].Paper.Id);
        Assert.Equal(video.Chunks[0].Body, hits[0].Snippet); // chunk 0 is tilted least from the topic axis
        Assert.Equal(Cosine(SamplePapers.TopicVector(1), video.Vectors[0].Span), hits[0].Score, 4);
        Assert.Equal(hits.Count, hits.Select(h => h.Paper.Id).Distinct().Count());
        Assert.Equal(Papers.Count, hits.Count);
    }

    [Fact]
    public async Task Hybrid_search_is_cores_fusion_of_the_dense_and_sparse_rankings()
    {
        await using var services = await OpenWithPapersAsync();
        // The words point at the video paper, the vector at the retrieval-augmented generation paper.
        var query = SamplePapers.Query("diffusion video generation", SearchMode.Hybrid, topic: 7);
        var dense = await services.Index.SearchAsync(query with { Mode = SearchMode.Dense, Top = query.CandidatePool });
        var sparse = await services.Index.SearchAsync(query with { Mode = SearchMode.Sparse, Top = query.CandidatePool });

        var hits = await services.Index.SearchAsync(query);
        var expected = HybridFusion.Fuse([.. dense.Select(h => (h.Paper.Id, h.Score))], [.. sparse.Select(h => (h.Paper.Id, h.Score))]);

        Assert.Equal(hits.Count, hits.Select(h => h.Paper.Id).Distinct().Count());
        Assert.Equal(Papers[1].Paper.Id, sparse[0].Paper.Id);
        Assert.Equal(Papers[7].Paper.Id, dense[0].Paper.Id);
        Assert.Equal(expected.Take(hits.Count).Select(f => f.PaperId), hits.Select(h => h.Paper.Id));
        Assert.Equal(expected[0].Score, hits[0].Score, precision: 6);
    }

    [Theory]
    [InlineData(SearchMode.Sparse)]
    [InlineData(SearchMode.Dense)]
    [InlineData(SearchMode.Hybrid)]
    public async Task Date_bounds_filter_every_mode(SearchMode mode)
    {
        await using var services = await OpenWithPapersAsync();
        var query = SamplePapers.Query("retrieval models for video and language", mode, top: 8, topic: 0,
            from: new DateOnly(2024, 8, 1), to: new DateOnly(2024, 8, 31));

        var hits = await services.Index.SearchAsync(query);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.True(query.Admits(h.Paper.Date), $"{h.Paper.Date} is outside August 2024"));
        var inAugust = Papers.Where(p => query.Admits(p.Paper.Date)).Select(p => p.Paper.Id).ToHashSet();
        Assert.Equal(3, inAugust.Count);
        if (mode != SearchMode.Sparse) Assert.Equal(inAugust, hits.Select(h => h.Paper.Id).ToHashSet());
    }

    [Fact]
    public async Task Indexing_again_never_duplicates_points()
    {
        await using var services = await OpenWithPapersAsync();
        await services.Index.UpsertAsync(Papers);
        await services.Index.UpsertAsync(Papers);

        Assert.Equal(Papers.Count, await services.Index.CountPapersAsync());
        Assert.Equal(Papers.Sum(p => p.Chunks.Count), await services.Client.CountAsync(services.Collection));
    }

    [Fact]
    public async Task A_paper_that_shrinks_loses_its_stale_chunks()
    {
        await using var services = await OpenWithPapersAsync();
        var video = Papers[1];
        var shorter = video.Paper with { Abstract = "A diffusion model generates long videos." };
        await services.Index.UpsertAsync([SamplePapers.WithChunks(shorter, [shorter.Abstract], _ => SamplePapers.TopicVector(1))]);

        var ofVideo = Filter.All(FieldCondition.Equal("paper_id", video.Paper.Id));
        Assert.Equal(1, await services.Client.CountAsync(services.Collection, ofVideo));
        Assert.Equal(shorter.ContentHash, (await services.Index.GetContentHashesAsync())[video.Paper.Id]);
        Assert.Equal(shorter, await services.Index.GetPaperAsync(video.Paper.Id));
    }

    [Fact]
    public async Task A_paper_whose_first_point_was_never_written_counts_as_missing()
    {
        await using var services = await OpenWithPapersAsync();
        var video = Papers[1];
        // As if indexing stopped after the later chunks and before the ordinal-0 point.
        await services.Client.DeletePointsAsync(services.Collection, Filter.All(FieldCondition.Equal("paper_id", video.Paper.Id), FieldCondition.Equal("ordinal", 0)));

        Assert.DoesNotContain(video.Paper.Id, (await services.Index.GetContentHashesAsync()).Keys);
        Assert.Equal(Papers.Count - 1, await services.Index.CountPapersAsync());
        Assert.Null(await services.Index.GetPaperAsync(video.Paper.Id));

        await services.Index.UpsertAsync([video]);
        Assert.Equal(Papers.Count, await services.Index.CountPapersAsync());
    }

    [Fact]
    public async Task Refuses_a_collection_built_with_another_embedding_model()
    {
        await using var built = await OpenWithPapersAsync();
        await using var other = new QdrantServices(server.Url, built.Collection);
        var configured = new EmbeddingSignature("local", "use-lite", 512);

        var error = await Assert.ThrowsAsync<IndexMismatchException>(() => other.Index.OpenAsync(configured));

        Assert.Equal(SamplePapers.Signature, error.Stored);
        Assert.Contains("test/topic-vectors (8 dimensions)", error.Message);
        Assert.Contains("local/use-lite (512 dimensions)", error.Message);
        Assert.Contains(built.Collection, error.Message);
        Assert.Contains("--rebuild", error.Message);
    }

    [Fact]
    public async Task Works_without_dense_vectors_when_no_embedding_provider_is_configured()
    {
        await using var services = new QdrantServices(server.Url);
        await services.Index.OpenAsync(EmbeddingSignature.None);
        await services.Index.UpsertAsync([.. Papers.Select(p => p with { Vectors = [] })]);

        var sparse = await services.Index.SearchAsync(SamplePapers.Query("mixture of experts", SearchMode.Sparse));
        var hybrid = await services.Index.SearchAsync(SamplePapers.Query("mixture of experts", SearchMode.Hybrid, topic: 3));

        Assert.Equal(Papers[5].Paper.Id, sparse[0].Paper.Id);
        Assert.Equal(sparse.Select(h => h.Paper.Id), hybrid.Select(h => h.Paper.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => services.Index.SearchAsync(SamplePapers.Query("experts", SearchMode.Dense, topic: 3)));
        await services.Client.DeleteCollectionAsync(services.Collection);
    }

    [Fact]
    public async Task Clearing_empties_the_collection_and_keeps_it_usable()
    {
        await using var services = await OpenWithPapersAsync();
        await services.Index.ClearAsync();

        Assert.Equal(0, await services.Index.CountPapersAsync());
        await services.Index.UpsertAsync(Papers.Take(2).ToList());
        Assert.Equal(2, await services.Index.CountPapersAsync());
        await services.Client.DeleteCollectionAsync(services.Collection);
    }

    [Fact]
    public async Task Must_be_opened_first()
    {
        await using var services = new QdrantServices(server.Url);
        await Assert.ThrowsAsync<InvalidOperationException>(() => services.Index.CountPapersAsync());
    }

    private async Task<QdrantServices> OpenWithPapersAsync()
    {
        var services = new QdrantServices(server.Url);
        await services.Index.OpenAsync(SamplePapers.Signature);
        await services.Index.UpsertAsync(Papers);
        return services;
    }

    /// <summary>The embedded store's formula: Σ idf(t)·q_t·d_t with idf counted over papers.</summary>
    internal static IEnumerable<(string Id, double Score)> ExpectedBm25(SearchQuery query, IReadOnlyList<IndexedPaper> papers)
    {
        var documentFrequency = papers.SelectMany(p => p.Terms.Indices).GroupBy(t => t).ToDictionary(g => g.Key, g => (long)g.Count());
        return papers
            .Select(p => (p.Paper.Id, Score: query.Terms.Indices.Zip(query.Terms.Values).Sum(q =>
            {
                var at = Array.IndexOf(p.Terms.Indices, q.First);
                return at < 0 ? 0 : Bm25Encoder.InverseDocumentFrequency(papers.Count, documentFrequency[q.First]) * q.Second * p.Terms.Values[at];
            })))
            .Where(p => p.Score > 0)
            .OrderByDescending(p => p.Score);
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
