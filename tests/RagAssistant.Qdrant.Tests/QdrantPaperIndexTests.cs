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
    public async Task Sparse_ranking_scores_bm25_with_idf_over_papers()
    {
        await using var services = await OpenWithPapersAsync();
        var query = SamplePapers.Query("sparse retrieval with BM25 and dense vectors");

        var sparse = (await services.Index.RankAsync(query)).Sparse;

        var expected = ExpectedBm25(query, Papers).Take(query.Candidates).ToList();
        Assert.Equal(expected.Select(e => e.Id), sparse.Select(h => h.PaperId));
        foreach (var (hit, (_, score)) in sparse.Zip(expected)) Assert.Equal(score, hit.Score, 4);
    }

    [Fact]
    public async Task Dense_ranking_returns_each_paper_once_with_its_best_chunks_cosine()
    {
        await using var services = await OpenWithPapersAsync();
        var dense = (await services.Index.RankAsync(SamplePapers.Query("video", candidates: 8, topic: 1))).Dense;

        var video = Papers[1];
        Assert.Equal(video.Paper.Id, dense[0].PaperId);
        // chunk 0 is tilted least from the topic axis, so it is the paper's best chunk
        Assert.Equal(Cosine(SamplePapers.TopicVector(1), video.Vectors[0].Span), dense[0].Score, 4);
        Assert.Equal(dense.Count, dense.Select(h => h.PaperId).Distinct().Count());
        Assert.Equal(Papers.Count, dense.Count);
    }

    [Fact]
    public async Task Both_rankings_come_back_raw_from_one_call()
    {
        await using var services = await OpenWithPapersAsync();
        // The words point at the video paper, the vector at the retrieval-augmented generation paper.
        var rankings = await services.Index.RankAsync(SamplePapers.Query("diffusion video generation", topic: 7));

        Assert.Equal(Papers[1].Paper.Id, rankings.Sparse[0].PaperId);
        Assert.Equal(Papers[7].Paper.Id, rankings.Dense[0].PaperId);
        Assert.True(rankings.Sparse[0].Score > 1, "BM25 scores are not normalised");
        Assert.InRange(rankings.Dense[0].Score, 0.9, 1.0);
    }

    [Fact]
    public async Task Date_bounds_filter_both_rankings()
    {
        await using var services = await OpenWithPapersAsync();
        var query = SamplePapers.Query("retrieval models for video and language", candidates: 8, topic: 0,
            from: new DateOnly(2024, 8, 1), to: new DateOnly(2024, 8, 31));

        var rankings = await services.Index.RankAsync(query);

        var papers = Papers.ToDictionary(p => p.Paper.Id, p => p.Paper);
        var inAugust = Papers.Where(p => query.Admits(p.Paper.Date)).Select(p => p.Paper.Id).ToHashSet();
        Assert.Equal(3, inAugust.Count);
        Assert.NotEmpty(rankings.Sparse);
        Assert.All(rankings.Sparse.Concat(rankings.Dense), h => Assert.True(query.Admits(papers[h.PaperId].Date), $"{papers[h.PaperId].Date} is outside August 2024"));
        Assert.Equal(inAugust, rankings.Dense.Select(h => h.PaperId).ToHashSet());
    }

    [Fact]
    public async Task Papers_come_back_in_the_order_asked_and_missing_ids_are_skipped()
    {
        await using var services = await OpenWithPapersAsync();

        var papers = await services.Index.GetPapersAsync([Papers[3].Paper.Id, "hf-no-such-paper", Papers[0].Paper.Id]);

        Assert.Equal([Papers[3].Paper, Papers[0].Paper], papers);
        Assert.Empty(await services.Index.GetPapersAsync([]));
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

        var rankings = await services.Index.RankAsync(SamplePapers.Query("mixture of experts", topic: 3));

        Assert.Equal(Papers[5].Paper.Id, rankings.Sparse[0].PaperId);
        Assert.Empty(rankings.Dense); // the store holds no vectors, whatever the query carries
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
