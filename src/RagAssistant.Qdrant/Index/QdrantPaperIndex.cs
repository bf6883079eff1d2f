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

    /// <summary>
    /// The two raw rankings of papers: by their best chunk's cosine (points grouped by paper) and by BM25
    /// (ordinal-0 points only carry terms, so hits are one per paper). Core fuses them.
    /// </summary>
    public async Task<PaperRankings> RankAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var signature = EnsureOpen();
        if (query.Candidates <= 0) return PaperRankings.None;
        var dense = signature.HasVectors && query.Vector is { } vector
            ? RankDenseAsync(query, vector, cancellationToken)
            : Task.FromResult<IReadOnlyList<RankedPaper>>([]);
        var sparse = query.Terms.IsEmpty ? Task.FromResult<IReadOnlyList<RankedPaper>>([]) : RankSparseAsync(query, cancellationToken);
        return new PaperRankings(await dense, await sparse);
    }

    public async Task<IReadOnlyList<Paper>> GetPapersAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (paperIds.Count == 0) return [];
        var filter = Filter.All(FieldCondition.AnyOf(ChunkPayload.PaperIdField, paperIds), FieldCondition.Equal(ChunkPayload.OrdinalField, 0));
        var page = await client.ScrollAsync(Collection, new ScrollRequest(filter, paperIds.Count, WithPayload: PayloadSelector.All), cancellationToken);
        var found = page.Points.Select(point => ChunkPayload.Read(point.Payload).ToPaper()).ToDictionary(paper => paper.Id, StringComparer.Ordinal);
        return [.. paperIds.Where(found.ContainsKey).Select(id => found[id])];
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

    private async Task<IReadOnlyList<RankedPaper>> RankSparseAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var points = await client.QueryAsync(Collection, new QueryRequest
        {
            Query = QueryExpression.NearestTo(VectorData.FromSparse(query.Terms)),
            Using = SparseVector,
            Filter = PaperFilters.Dates(query),
            Limit = query.Candidates,
            WithPayload = PayloadSelector.Fields(ChunkPayload.PaperIdField),
        }, cancellationToken);
        return [.. points.Select(point => new RankedPaper(PaperIdOf(point), point.Score))];
    }

    /// <summary>One entry per paper: its best chunk's cosine.</summary>
    private async Task<IReadOnlyList<RankedPaper>> RankDenseAsync(SearchQuery query, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            Query = QueryExpression.NearestTo(VectorData.FromDense(vector)),
            Using = DenseVector,
            Filter = PaperFilters.Dates(query),
            Limit = query.Candidates,
            WithPayload = PayloadSelector.Fields(ChunkPayload.PaperIdField),
        };
        var groups = await client.QueryGroupsAsync(Collection, new GroupedQueryRequest(request, ChunkPayload.PaperIdField, GroupSize: 1), cancellationToken);
        return [.. groups.Where(g => g.Hits.Count > 0).Select(g => new RankedPaper(PaperIdOf(g.Hits[0]), g.Hits[0].Score))];
    }

    private static string PaperIdOf(ScoredPoint point) =>
        point.Payload?[ChunkPayload.PaperIdField]?.GetValue<string>() ?? throw new InvalidDataException("A Qdrant point has no paper_id in its payload.");

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
