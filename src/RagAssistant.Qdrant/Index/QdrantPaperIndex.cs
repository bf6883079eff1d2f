using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Client;

namespace RagAssistant.Qdrant.Index;

/// <summary>
/// Papers in a Qdrant collection: one point per chunk, a named dense vector per chunk and a named
/// sparse BM25 vector on each paper's ordinal-0 point only, so that Qdrant's IDF counts papers and
/// BM25 ranks whole papers exactly as the embedded store does.
/// </summary>
public sealed class QdrantPaperIndex(QdrantClient client, IOptions<QdrantOptions> options, ILogger<QdrantPaperIndex> logger) : IPaperIndex
{
    public const string DenseVector = "dense";
    public const string SparseVector = "bm25";

    private readonly QdrantOptions _options = options.Value;
    private EmbeddingSignature? _signature;

    public string Name => "qdrant";

    private string Collection => _options.Collection;

    private EmbeddingSignature EnsureOpen() =>
        _signature ?? throw new InvalidOperationException("Open the Qdrant index (OpenAsync) before using it.");

    public async Task OpenAsync(EmbeddingSignature signature, CancellationToken cancellationToken = default)
    {
        if (!await client.CollectionExistsAsync(Collection, cancellationToken))
        {
            await CreateCollectionAsync(signature, cancellationToken);
        }
        var stored = CollectionSignature.Read(await client.GetCollectionAsync(Collection, cancellationToken));
        if (stored != signature) throw new IndexMismatchException($"{Name} ({client.Url}, collection '{Collection}')", stored, signature);
        _signature = signature;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = PayloadSelector.Fields(ChunkPayload.PaperIdField, ChunkPayload.ContentHashField);
        await foreach (var point in client.ScrollAllAsync(Collection, PaperFilters.Heads, fields, cancellationToken: cancellationToken))
        {
            var paperId = point.Payload?[ChunkPayload.PaperIdField]?.GetValue<string>();
            var hash = point.Payload?[ChunkPayload.ContentHashField]?.GetValue<string>();
            if (paperId is not null && hash is not null) hashes[paperId] = hash;
        }
        return hashes;
    }

    /// <summary>
    /// Writes a paper's later chunks, then removes its stale chunks, then writes its ordinal-0 point
    /// (the one carrying the content hash). Interrupted anywhere, the paper keeps its old hash or
    /// none, so the next run re-indexes it; a present hash always means a complete paper.
    /// </summary>
    public async Task UpsertAsync(IReadOnlyList<IndexedPaper> papers, CancellationToken cancellationToken = default)
    {
        var signature = EnsureOpen();
        foreach (var paper in papers) Validate(paper, signature);

        var tails = papers.SelectMany(p => p.Chunks.Where(c => c.Ordinal != 0).Select(c => ToPoint(p, c, signature)));
        await UpsertInBatchesAsync(tails, cancellationToken);
        foreach (var batch in papers.Chunk(_options.UpsertBatchSize))
        {
            await client.DeletePointsAsync(Collection, PaperFilters.StaleChunks(batch), cancellationToken: cancellationToken);
        }
        var heads = papers.Select(p => ToPoint(p, p.Chunks.Single(c => c.Ordinal == 0), signature));
        await UpsertInBatchesAsync(heads, cancellationToken);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var signature = EnsureOpen();
        var dense = signature.HasVectors ? query.Vector : null;
        var hasTerms = !query.Terms.IsEmpty;
        if (query.Top <= 0) return [];
        return query.Mode switch
        {
            SearchMode.Sparse => hasTerms ? await SearchSparseAsync(query, cancellationToken) : [],
            SearchMode.Dense => dense is { } vector
                ? await SearchGroupedAsync(query, QueryExpression.NearestTo(VectorData.FromDense(vector)), DenseVector, cancellationToken)
                : throw new InvalidOperationException(signature.HasVectors
                    ? "Dense search needs the query's embedding vector."
                    : "This Qdrant index holds no dense vectors (no embedding provider was configured); search in sparse mode."),
            // Hybrid degrades to whichever ranking the query can feed.
            _ when dense is null => hasTerms ? await SearchSparseAsync(query, cancellationToken) : [],
            _ when !hasTerms => await SearchGroupedAsync(query, QueryExpression.NearestTo(VectorData.FromDense(dense.Value)), DenseVector, cancellationToken),
            _ => await SearchHybridAsync(query, dense.Value, cancellationToken),
        };
    }

    public async Task<Paper?> GetPaperAsync(string paperId, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var page = await client.ScrollAsync(Collection, new ScrollRequest(PaperFilters.Head(paperId), 1, WithPayload: PayloadSelector.All), cancellationToken);
        return page.Points.Count == 0 ? null : ChunkPayload.Read(page.Points[0].Payload).ToPaper();
    }

    public Task<long> CountPapersAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        return client.CountAsync(Collection, PaperFilters.Heads, exact: true, cancellationToken);
    }

    public async IAsyncEnumerable<Paper> ListPapersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        // One ordinal-0 point per complete paper carries the whole paper in its payload.
        await foreach (var point in client.ScrollAllAsync(Collection, PaperFilters.Heads, PayloadSelector.All, cancellationToken: cancellationToken))
        {
            yield return ChunkPayload.Read(point.Payload).ToPaper();
        }
    }

    /// <summary>Drops the collection; an opened index recreates it empty at once, so it stays usable with the signature it was opened with.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await client.DeleteCollectionAsync(Collection, cancellationToken);
        logger.LogInformation("Dropped Qdrant collection {Collection} at {Url}", Collection, client.Url);
        if (_signature is { } signature) await CreateCollectionAsync(signature, cancellationToken);
    }

    /// <summary>Nothing to release: HTTP connections belong to the client factory.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task CreateCollectionAsync(EmbeddingSignature signature, CancellationToken cancellationToken)
    {
        var spec = new CollectionSpec(
            Vectors: signature.HasVectors
                ? new Dictionary<string, DenseVectorParams> { [DenseVector] = new(signature.Dimension) }
                : new Dictionary<string, DenseVectorParams>(),
            SparseVectors: new Dictionary<string, SparseVectorParams> { [SparseVector] = new("idf") },
            ShardNumber: _options.ShardNumber,
            ReplicationFactor: _options.ReplicationFactor,
            Metadata: CollectionSignature.ToMetadata(signature));
        try
        {
            await client.CreateCollectionAsync(Collection, spec, cancellationToken);
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return; // another process created it first; OpenAsync compares its signature
        }
        await client.CreatePayloadIndexAsync(Collection, new PayloadIndexSpec(ChunkPayload.PaperIdField, "keyword"), cancellationToken);
        await client.CreatePayloadIndexAsync(Collection, new PayloadIndexSpec(ChunkPayload.OrdinalField, "integer"), cancellationToken);
        await client.CreatePayloadIndexAsync(Collection, new PayloadIndexSpec(ChunkPayload.DateField, "datetime"), cancellationToken);
        logger.LogInformation("Created Qdrant collection {Collection} at {Url} for {Signature} ({Shards} shards × {Replicas} replicas)",
            Collection, client.Url, signature, _options.ShardNumber, _options.ReplicationFactor);
    }

    private async Task UpsertInBatchesAsync(IEnumerable<PointStruct> points, CancellationToken cancellationToken)
    {
        foreach (var batch in points.Chunk(_options.UpsertBatchSize))
        {
            await client.UpsertPointsAsync(Collection, batch, wait: true, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<SearchHit>> SearchSparseAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        // Only ordinal-0 points carry terms, so hits are already one per paper.
        var points = await client.QueryAsync(Collection, new QueryRequest
        {
            Query = QueryExpression.NearestTo(VectorData.FromSparse(query.Terms)),
            Using = SparseVector,
            Filter = PaperFilters.Dates(query),
            Limit = query.Top,
        }, cancellationToken);
        return [.. points.Select(ToHit)];
    }

    /// <summary>
    /// Core's <see cref="HybridFusion"/> of two paper rankings: papers by their best chunk's cosine, and
    /// papers by BM25. Fusing papers rather than points (Qdrant's server-side fusion fuses points) keeps a
    /// paper's BM25 score together with its best chunk, and gives the embedded store's results.
    /// </summary>
    private async Task<IReadOnlyList<SearchHit>> SearchHybridAsync(SearchQuery query, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        var candidates = query with { Top = query.CandidatePool };
        var dense = SearchGroupedAsync(candidates, QueryExpression.NearestTo(VectorData.FromDense(vector)), DenseVector, cancellationToken);
        var sparse = SearchSparseAsync(candidates, cancellationToken);
        var rankings = await Task.WhenAll(dense, sparse);

        // The dense hit carries the best chunk as snippet; a paper found by BM25 alone shows chunk 0.
        var hits = new Dictionary<string, SearchHit>(StringComparer.Ordinal);
        foreach (var hit in rankings[1].Concat(rankings[0])) hits[hit.Paper.Id] = hit;
        var fused = HybridFusion.Fuse([.. rankings[0].Select(h => (h.Paper.Id, h.Score))], [.. rankings[1].Select(h => (h.Paper.Id, h.Score))]);
        return [.. fused.Take(query.Top).Select(f => hits[f.PaperId] with { Score = f.Score })];
    }

    /// <summary>One hit per paper: its best chunk under <paramref name="expression"/>.</summary>
    private async Task<IReadOnlyList<SearchHit>> SearchGroupedAsync(
        SearchQuery query, QueryExpression expression, string vectorName, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            Query = expression,
            Using = vectorName,
            Filter = PaperFilters.Dates(query),
            Limit = query.Top,
        };
        var groups = await client.QueryGroupsAsync(Collection, new GroupedQueryRequest(request, ChunkPayload.PaperIdField, GroupSize: 1), cancellationToken);
        return [.. groups.Where(g => g.Hits.Count > 0).Select(g => ToHit(g.Hits[0]))];
    }

    private static SearchHit ToHit(ScoredPoint point)
    {
        var payload = ChunkPayload.Read(point.Payload);
        return new SearchHit(payload.ToPaper(), point.Score, payload.Body);
    }

    private static PointStruct ToPoint(IndexedPaper paper, Chunk chunk, EmbeddingSignature signature)
    {
        var vectors = new Dictionary<string, VectorData>(2);
        if (signature.HasVectors) vectors[DenseVector] = VectorData.FromDense(paper.Vectors[IndexOf(paper, chunk)]);
        if (chunk.Ordinal == 0 && !paper.Terms.IsEmpty) vectors[SparseVector] = VectorData.FromSparse(paper.Terms);
        return new PointStruct(ChunkPointId.For(chunk), vectors, ChunkPayload.From(paper.Paper, chunk).ToJson());
    }

    private static int IndexOf(IndexedPaper paper, Chunk chunk)
    {
        for (var i = 0; i < paper.Chunks.Count; i++)
        {
            if (ReferenceEquals(paper.Chunks[i], chunk)) return i;
        }
        throw new ArgumentException($"Chunk {chunk.Id} is not one of paper {paper.Paper.Id}'s chunks.");
    }

    private static void Validate(IndexedPaper paper, EmbeddingSignature signature)
    {
        var id = paper.Paper.Id;
        if (paper.Chunks.Count == 0) throw new ArgumentException($"Paper {id} has no chunks to index.");
        if (paper.Chunks.Any(c => c.PaperId != id)) throw new ArgumentException($"Paper {id} has a chunk of another paper.");
        var ordinals = paper.Chunks.Select(c => c.Ordinal).Order().ToArray();
        if (!ordinals.SequenceEqual(Enumerable.Range(0, ordinals.Length)))
        {
            throw new ArgumentException($"Paper {id}'s chunk ordinals must run 0..{ordinals.Length - 1}.");
        }
        if (signature.HasVectors)
        {
            if (paper.Vectors.Count != paper.Chunks.Count)
            {
                throw new ArgumentException($"Paper {id} has {paper.Chunks.Count} chunks but {paper.Vectors.Count} vectors.");
            }
            if (paper.Vectors.Any(v => v.Length != signature.Dimension))
            {
                throw new ArgumentException($"Paper {id} has a vector that is not {signature.Dimension}-dimensional.");
            }
        }
    }
}
