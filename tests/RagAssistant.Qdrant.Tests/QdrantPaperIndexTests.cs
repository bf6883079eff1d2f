using Qdrant.Client.Grpc;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using SparseVector = RagAssistant.Core.Retrieval.Bm25.SparseVector;
using RagAssistant.Qdrant.Index;
using RagAssistant.Qdrant.Tests.Server;

namespace RagAssistant.Qdrant.Tests;

/// <summary><see cref="QdrantPaperIndex"/> against a real Qdrant over gRPC, each test in its own collection.</summary>
public sealed class QdrantPaperIndexTests(QdrantServerFixture server) : IClassFixture<QdrantServerFixture>
{
    private static readonly IReadOnlyList<IndexedPaper> Papers = SamplePapers.Topics;

    [Fact]
    public async Task Stores_one_point_per_paper_and_gives_the_papers_back()
    {
        await using var services = await OpenWithPapersAsync();
        var index = services.Index;

        Assert.Equal(Papers.Count, await index.CountPapersAsync());
        Assert.Equal((ulong)Papers.Count, await services.Client.CountAsync(services.Collection));
        foreach (var paper in Papers) Assert.Equal(paper.Paper, await index.GetPaperAsync(paper.Paper.Id));
        Assert.Null(await index.GetPaperAsync("hf-no-such-paper"));
        Assert.Equal(Papers.ToDictionary(p => p.Paper.Id, p => p.Paper.ContentHash), await index.GetContentHashesAsync());
        Assert.Equal(Papers.Select(p => p.Paper).OrderBy(p => p.Id), (await index.ListPapersAsync().ToListAsync()).OrderBy(p => p.Id));
    }

    [Fact]
    public async Task Gets_papers_in_the_order_asked_skipping_missing_ones()
    {
        await using var services = await OpenWithPapersAsync();
        string[] asked = [Papers[5].Paper.Id, "hf-no-such-paper", Papers[0].Paper.Id, Papers[3].Paper.Id];

        var papers = await services.Index.GetPapersAsync(asked);

        Assert.Equal([Papers[5].Paper, Papers[0].Paper, Papers[3].Paper], papers);
        Assert.Empty(await services.Index.GetPapersAsync([]));
    }

    [Fact]
    public async Task The_sparse_ranking_is_bm25_with_idf_over_papers()
    {
        await using var services = await OpenWithPapersAsync();
        var query = SamplePapers.Query("sparse retrieval with BM25 and dense vectors", candidates: 4);

        var rankings = await services.Index.RankAsync(query with { Vector = null });

        var expected = ExpectedBm25(query, Papers).Take(query.Candidates).ToList();
        Assert.Equal(expected.Select(e => e.Id), rankings.Sparse.Select(r => r.PaperId));
        foreach (var (ranked, (_, score)) in rankings.Sparse.Zip(expected)) Assert.Equal(score, ranked.Score, 4);
        Assert.Empty(rankings.Dense);
    }

    [Fact]
    public async Task The_dense_ranking_scores_each_paper_once_by_its_best_chunk()
    {
        await using var services = await OpenWithPapersAsync();
        var query = new SearchQuery(SparseVector.Empty, SamplePapers.TopicVector(1), 8);

        var rankings = await services.Index.RankAsync(query);

        Assert.Empty(rankings.Sparse);
        Assert.Equal(Papers.Count, rankings.Dense.Count);
        Assert.Equal(Papers.Count, rankings.Dense.Select(r => r.PaperId).Distinct().Count());
        foreach (var ranked in rankings.Dense)
        {
            var paper = Papers.Single(p => p.Paper.Id == ranked.PaperId);
            var best = paper.Vectors.Max(v => Cosine(SamplePapers.TopicVector(1), v.Span));
            Assert.Equal(best, ranked.Score, 4);
        }
        Assert.Equal(Papers[1].Paper.Id, rankings.Dense[0].PaperId);
        Assert.True(rankings.Dense.Zip(rankings.Dense.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score), "best first");
    }

    [Fact]
    public async Task Both_rankings_come_back_from_one_call_each_with_its_own_raw_scores()
    {
        await using var services = await OpenWithPapersAsync();
        // The words point at the video paper, the vector at the retrieval-augmented generation paper.
        var query = SamplePapers.Query("diffusion video generation", candidates: 8, topic: 7);

        var both = await services.Index.RankAsync(query);
        var denseAlone = await services.Index.RankAsync(query with { Terms = SparseVector.Empty });
        var sparseAlone = await services.Index.RankAsync(query with { Vector = null });

        Assert.Equal(Papers[7].Paper.Id, both.Dense[0].PaperId);
        Assert.Equal(Papers[1].Paper.Id, both.Sparse[0].PaperId);
        Assert.Equal(denseAlone.Dense, both.Dense);
        Assert.Equal(sparseAlone.Sparse, both.Sparse);
    }

    [Fact]
    public async Task A_ranking_is_at_most_the_candidates_asked_for()
    {
        await using var services = await OpenWithPapersAsync();
        var rankings = await services.Index.RankAsync(SamplePapers.Query("models for video language retrieval experts", candidates: 2, topic: 0));

        Assert.Equal(2, rankings.Dense.Count);
        Assert.Equal(2, rankings.Sparse.Count);
        var nothing = await services.Index.RankAsync(new SearchQuery(SparseVector.Empty, null, 10));
        Assert.Empty(nothing.Dense);
        Assert.Empty(nothing.Sparse);
    }

    [Fact]
    public async Task Date_bounds_filter_both_rankings()
    {
        await using var services = await OpenWithPapersAsync();
        var query = SamplePapers.Query("retrieval models for video and language", candidates: 8, topic: 0,
            from: new DateOnly(2024, 8, 1), to: new DateOnly(2024, 8, 31));

        var rankings = await services.Index.RankAsync(query);

        var inAugust = Papers.Where(p => query.Admits(p.Paper.Date)).Select(p => p.Paper.Id).ToHashSet();
        Assert.Equal(3, inAugust.Count);
        Assert.Equal(inAugust, rankings.Dense.Select(r => r.PaperId).ToHashSet()); // every paper has a vector: all three rank
        Assert.NotEmpty(rankings.Sparse);
        Assert.All(rankings.Sparse, r => Assert.Contains(r.PaperId, inAugust));
        var onlyFrom = await services.Index.RankAsync(query with { ToDate = null, FromDate = new DateOnly(2025, 1, 1) });
        Assert.Equal([Papers[3].Paper.Id], onlyFrom.Dense.Select(r => r.PaperId)); // the undated paper passes no bound
    }

    [Fact]
    public async Task Indexing_again_never_duplicates_points()
    {
        await using var services = await OpenWithPapersAsync();
        await services.Index.UpsertAsync(Papers);
        await services.Index.UpsertAsync(Papers);

        Assert.Equal(Papers.Count, await services.Index.CountPapersAsync());
        Assert.Equal((ulong)Papers.Count, await services.Client.CountAsync(services.Collection));
    }

    [Fact]
    public async Task A_changed_paper_replaces_its_point_whole_chunks_terms_and_hash_together()
    {
        await using var services = await OpenWithPapersAsync();
        var video = Papers[1];
        var shorter = video.Paper with { Abstract = "A diffusion model generates long videos." };
        await services.Index.UpsertAsync([SamplePapers.WithChunks(shorter, [shorter.Abstract], _ => SamplePapers.TopicVector(2))]);

        var point = Assert.Single(await services.Client.RetrieveAsync(services.Collection, PaperPointId.For(video.Paper.Id), withVectors: true));
        Assert.Single(point.Vectors.Vectors.Vectors[PaperCollection.DenseVector].GetMultiVector()!.Vectors);
        Assert.Equal(shorter.ContentHash, (await services.Index.GetContentHashesAsync())[video.Paper.Id]);
        Assert.Equal(shorter, await services.Index.GetPaperAsync(video.Paper.Id));
        // The old chunks are gone from the ranking: the paper now scores by its one new vector (topic 2).
        var dense = await services.Index.RankAsync(new SearchQuery(SparseVector.Empty, SamplePapers.TopicVector(2), 8));
        Assert.Equal(1.0, dense.Dense.Single(r => r.PaperId == video.Paper.Id).Score, 4);
        var sparse = await services.Index.RankAsync(SamplePapers.Query("temporal attention frames consistent", candidates: 8));
        Assert.DoesNotContain(video.Paper.Id, sparse.Sparse.Select(r => r.PaperId));
    }

    [Fact]
    public async Task Refuses_a_collection_built_with_another_embedding_model()
    {
        await using var built = await OpenWithPapersAsync();
        await using var other = new QdrantServices(server.Url, built.Collection);
        var configured = new EmbeddingSignature("local", "all-MiniLM-L6-v2", 384);

        var error = await Assert.ThrowsAsync<IndexMismatchException>(() => other.Index.OpenAsync(configured));

        Assert.Equal(SamplePapers.Signature, error.Stored);
        Assert.Contains("test/topic-vectors (8 dimensions)", error.Message);
        Assert.Contains("local/all-MiniLM-L6-v2 (384 dimensions)", error.Message);
        Assert.Contains(built.Collection, error.Message);
        Assert.Contains(server.Url, error.Message);
        Assert.Contains("rebuild the index", error.Message);
    }

    [Fact]
    public async Task Gives_each_papers_sentences_back_with_their_vectors_in_the_order_asked()
    {
        await using var services = await OpenWithPapersAsync();

        var read = await services.Index.GetSentencesAsync([Papers[2].Paper.Id, "missing", Papers[0].Paper.Id]);

        Assert.Equal([Papers[2].Paper.Id, Papers[0].Paper.Id], read.Select(sentences => sentences.PaperId));
        foreach (var (expected, actual) in new[] { Papers[2].Sentences, Papers[0].Sentences }.Zip(read))
        {
            Assert.Equal(expected.Sentences.Select(sentence => sentence.Text), actual.Sentences.Select(sentence => sentence.Text));
            Assert.Equal(expected.TitleVector.ToArray(), actual.TitleVector.ToArray());
            Assert.All(expected.Sentences.Zip(actual.Sentences), pair => Assert.Equal(pair.First.Vector.ToArray(), pair.Second.Vector.ToArray()));
        }
    }

    [Fact]
    public async Task Refuses_a_collection_of_the_previous_layout_and_remakes_an_empty_one()
    {
        await using var services = new QdrantServices(server.Url);
        // The first layout: chunk multivector and BM25 only, and no layout in the collection's metadata.
        var dense = new VectorParamsMap { Map = { [PaperCollection.DenseVector] = new VectorParams
        {
            Size = SamplePapers.Dimension, Distance = Distance.Cosine, MultivectorConfig = new MultiVectorConfig { Comparator = MultiVectorComparator.MaxSim },
        } } };
        var metadata = new Dictionary<string, Value> { ["embedding_provider"] = "test", ["embedding_model"] = "topic-vectors", ["embedding_dimension"] = SamplePapers.Dimension };
        await services.Client.CreateCollectionAsync(services.Collection, dense, metadata,
            sparseVectorsConfig: new SparseVectorConfig { Map = { [PaperCollection.SparseVector] = new SparseVectorParams { Modifier = Modifier.Idf } } });
        await services.Client.UpsertAsync(services.Collection, [new PointStruct
        {
            Id = PaperPointId.For("old"),
            Vectors = new Dictionary<string, Vector> { [PaperCollection.DenseVector] = new[] { SamplePapers.TopicVector(1) } },
            Payload = { ["paper_id"] = "old" },
        }]);

        var refusal = await Assert.ThrowsAsync<IndexMismatchException>(() => services.Index.OpenAsync(SamplePapers.Signature));
        Assert.Contains("older version", refusal.Message);
        Assert.Contains("rebuild the index", refusal.Message);
        Assert.Equal(1ul, await services.Client.CountAsync(services.Collection)); // refusing touched nothing

        await services.Client.DeleteAsync(services.Collection, PaperPointId.For("old"));
        await services.Index.OpenAsync(SamplePapers.Signature);
        await services.Index.UpsertAsync(Papers.Take(1).ToList());
        Assert.Single(await services.Index.GetSentencesAsync([Papers[0].Paper.Id]));
        await services.Client.DeleteCollectionAsync(services.Collection);
    }

    [Fact]
    public async Task Works_without_dense_vectors_when_no_embedding_provider_is_configured()
    {
        await using var services = new QdrantServices(server.Url);
        await services.Index.OpenAsync(EmbeddingSignature.None);
        await services.Index.UpsertAsync([.. Papers.Select(p => p with { Vectors = [] })]);

        var rankings = await services.Index.RankAsync(SamplePapers.Query("mixture of experts", topic: 3));

        Assert.Equal(Papers[5].Paper.Id, rankings.Sparse[0].PaperId);
        Assert.Empty(rankings.Dense); // the store holds no vectors, whatever the query brings
        var sentences = Assert.Single(await services.Index.GetSentencesAsync([Papers[5].Paper.Id])).Sentences;
        Assert.Equal(Papers[5].Sentences.Sentences.Select(sentence => sentence.Text), sentences.Select(sentence => sentence.Text));
        await services.Client.DeleteCollectionAsync(services.Collection);
    }

    [Fact]
    public async Task Clearing_drops_the_collection_and_the_next_open_creates_it_empty()
    {
        await using var services = await OpenWithPapersAsync();
        await services.Index.ClearAsync();

        Assert.False(await services.Client.CollectionExistsAsync(services.Collection)); // a scratch collection leaves nothing behind
        await Assert.ThrowsAsync<InvalidOperationException>(() => services.Index.CountPapersAsync());
        await services.Index.OpenAsync(SamplePapers.Signature);
        Assert.Equal(0, await services.Index.CountPapersAsync());
        await services.Index.UpsertAsync(Papers.Take(2).ToList());
        Assert.Equal(2, await services.Index.CountPapersAsync());
        await services.Client.DeleteCollectionAsync(services.Collection);
    }

    [Fact]
    public async Task Rebuilding_before_the_collection_exists_clears_nothing_and_creates_it()
    {
        await using var services = new QdrantServices(server.Url);
        await services.Index.ClearAsync(); // `rag index --rebuild` on a server that never held the collection

        Assert.False(await services.Client.CollectionExistsAsync(services.Collection));
        await services.Index.OpenAsync(SamplePapers.Signature);
        Assert.Equal(0, await services.Index.CountPapersAsync());
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
