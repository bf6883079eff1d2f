using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qdrant.Client.Grpc;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Connection;

namespace RagAssistant.Qdrant.Index;

/// <summary>
/// Papers in a Qdrant collection laid out by <see cref="PaperCollection"/>: one point per paper, so a
/// write of a paper is one point replaced whole — atomic per paper by construction: a reader (and a
/// re-run after a crash) sees the old paper with its old content hash or the new one with the new hash,
/// never a mix, and never a paper without its hash.
/// </summary>
public sealed class QdrantPaperIndex(QdrantConnection connection, IOptions<QdrantOptions> options, ILogger<QdrantPaperIndex> logger) : IPaperIndex
{
    /// <summary>The oldest server this layout is tested on; multivectors with max_sim need 1.10, collection metadata 1.16.</summary>
    private static readonly Version TestedServer = new(1, 16);

    private static readonly WithPayloadSelector HashesOnly =
        new() { Include = new PayloadIncludeSelector { Fields = { PaperPayload.PaperIdField, PaperPayload.ContentHashField } } };

    /// <summary>The paper's fields: everything but its sentences, which only <see cref="GetSentencesAsync"/> reads.</summary>
    private static readonly WithPayloadSelector WholePayload = new() { Exclude = new PayloadExcludeSelector { Fields = { SentencePayload.Field } } };

    private static readonly WithVectorsSelector NoVectors = new() { Enable = false };

    private static readonly WithPayloadSelector SentencesOnly =
        new() { Include = new PayloadIncludeSelector { Fields = { PaperPayload.PaperIdField, SentencePayload.Field } } };

    private static readonly WithVectorsSelector SentenceVectors =
        new() { Include = new VectorsSelector { Names = { PaperCollection.TitleVector, PaperCollection.SentenceVectors } } };

    private readonly QdrantOptions _options = options.Value;
    private EmbeddingSignature? _signature;

    public string Name => "qdrant";

    private string Collection => _options.Collection;

    private string StoreName => $"{Name} ({connection.Url}, collection '{Collection}')";

    private EmbeddingSignature EnsureOpen() =>
        _signature ?? throw new InvalidOperationException("Open the Qdrant index (OpenAsync) before using it.");

    public async Task OpenAsync(EmbeddingSignature signature, CancellationToken cancellationToken = default)
    {
        await CheckServerVersionAsync(cancellationToken);
        if (!await connection.CallAsync("check the collection", (client, token) => client.CollectionExistsAsync(Collection, token), cancellationToken))
        {
            await CreateCollectionAsync(signature, cancellationToken);
        }
        var info = await connection.CallAsync("describe the collection", (client, token) => client.GetCollectionInfoAsync(Collection, token), cancellationToken);
        var stored = CollectionSignature.Read(info);
        if (stored != signature) throw new IndexMismatchException(StoreName, stored, signature);
        if (CollectionSignature.ReadLayout(info) is var layout && layout != IndexLayout.Current)
        {
            if (info.PointsCount > 0) throw IndexMismatchException.OlderLayout(StoreName, layout, signature);
            // An empty collection of an older layout lacks today's vectors: it is simply made anew.
            await connection.CallAsync("drop the collection", (client, token) => client.DeleteCollectionAsync(Collection, cancellationToken: token), cancellationToken);
            await CreateCollectionAsync(signature, cancellationToken);
        }
        _signature = signature;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var point in ScrollAllAsync(HashesOnly, cancellationToken))
        {
            if (PaperPayload.ContentHash(point.Payload) is { } hash) hashes[PaperPayload.PaperId(point.Payload)] = hash;
        }
        return hashes;
    }

    /// <summary>Batches of whole points, a few in flight at once; each upsert waits until its points are searchable.</summary>
    public async Task UpsertAsync(IReadOnlyList<IndexedPaper> papers, CancellationToken cancellationToken = default)
    {
        var signature = EnsureOpen();
        foreach (var paper in papers) Validate(paper, signature);
        var batches = papers.Chunk(_options.UpsertBatchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = _options.UpsertConcurrency, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var points = batch.Select(paper => ToPoint(paper, signature)).ToList();
                await connection.CallAsync("upsert papers", (client, t) => client.UpsertAsync(Collection, points, wait: true, cancellationToken: t), token);
            });
    }

    public async Task<PaperRankings> RankAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        var signature = EnsureOpen();
        var request = PaperRankingRequest.For(Collection, query, signature.HasVectors);
        if (request.Queries.Count == 0) return new PaperRankings([], []);
        var results = await connection.CallAsync("rank papers", (client, token) => client.QueryBatchAsync(Collection, request.Queries, cancellationToken: token), cancellationToken);
        return request.Read(results);
    }

    public async Task<Paper?> GetPaperAsync(string paperId, CancellationToken cancellationToken = default) =>
        (await GetPapersAsync([paperId], cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<Paper>> GetPapersAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        if (paperIds.Count == 0) return [];
        var ids = paperIds.Select(id => (PointId)PaperPointId.For(id)).ToList();
        var points = await connection.CallAsync("get papers", (client, token) => client.RetrieveAsync(Collection, ids, WholePayload, NoVectors, cancellationToken: token), cancellationToken);
        var found = points.Select(point => PaperPayload.ToPaper(point.Payload)).ToDictionary(paper => paper.Id, StringComparer.Ordinal);
        return [.. paperIds.Where(found.ContainsKey).Select(id => found[id])];
    }

    public async Task<IReadOnlyList<PaperSentences>> GetSentencesAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default)
    {
        var signature = EnsureOpen();
        if (paperIds.Count == 0) return [];
        var ids = paperIds.Select(id => (PointId)PaperPointId.For(id)).ToList();
        // A collection without embeddings has no title or sentence vectors to ask for.
        var vectors = signature.HasVectors ? SentenceVectors : NoVectors;
        var points = await connection.CallAsync("get sentences", (client, token) =>
            client.RetrieveAsync(Collection, ids, SentencesOnly, vectors, cancellationToken: token), cancellationToken);
        var found = points
            .Select(point => SentencePayload.Read(PaperPayload.PaperId(point.Payload), point.Payload, point.Vectors?.Vectors?.Vectors))
            .ToDictionary(sentences => sentences.PaperId, StringComparer.Ordinal);
        return [.. paperIds.Where(found.ContainsKey).Select(id => found[id])];
    }

    /// <summary>Every point is a whole paper, so counting points counts papers.</summary>
    public async Task<long> CountPapersAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        return (long)await connection.CallAsync("count papers", (client, token) => client.CountAsync(Collection, exact: true, cancellationToken: token), cancellationToken);
    }

    public async IAsyncEnumerable<Paper> ListPapersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        await foreach (var point in ScrollAllAsync(WholePayload, cancellationToken)) yield return PaperPayload.ToPaper(point.Payload);
    }

    /// <summary>
    /// Drops the collection and closes the index, as the embedded store forgets its signature: nothing is left on the
    /// server (a scratch collection of <c>rag eval</c> goes whole), and the next <see cref="OpenAsync"/> creates it anew.
    /// </summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        _signature = null;
        if (await connection.CallAsync("check the collection", (client, token) => client.CollectionExistsAsync(Collection, token), cancellationToken))
        {
            await connection.CallAsync("drop the collection", (client, token) => client.DeleteCollectionAsync(Collection, cancellationToken: token), cancellationToken);
            logger.LogInformation("Dropped Qdrant collection {Collection} at {Url}", Collection, connection.Url);
        }
    }

    /// <summary>Nothing to release: the gRPC connection is shared and belongs to the container.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task CreateCollectionAsync(EmbeddingSignature signature, CancellationToken cancellationToken)
    {
        if (!await PaperCollection.CreateAsync(connection, _options, signature, cancellationToken)) return;
        logger.LogInformation("Created Qdrant collection {Collection} at {Url} for {Signature} ({Shards} shards × {Replicas} replicas)",
            Collection, connection.Url, signature, _options.ShardNumber, _options.ReplicationFactor);
    }

    /// <summary>One line per open, never per call: the server's version, and a warning when it is older than the layout needs.</summary>
    private async Task CheckServerVersionAsync(CancellationToken cancellationToken)
    {
        var health = await connection.CallAsync("check health", (client, token) => client.HealthAsync(token), cancellationToken);
        if (Version.TryParse(health.Version, out var version) && version < TestedServer)
        {
            logger.LogWarning("Qdrant at {Url} is version {Version}; RagAssistant needs {Tested} or newer (multivectors, collection metadata)",
                connection.Url, health.Version, TestedServer);
            return;
        }
        logger.LogDebug("Qdrant {Version} at {Url}", health.Version, connection.Url);
    }

    private async IAsyncEnumerable<RetrievedPoint> ScrollAllAsync(WithPayloadSelector payload, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PointId? offset = null;
        do
        {
            var from = offset;
            var page = await connection.CallAsync("scroll papers", (client, token) =>
                client.ScrollAsync(Collection, limit: 1000, offset: from, payloadSelector: payload, vectorsSelector: NoVectors, cancellationToken: token), cancellationToken);
            foreach (var point in page.Result) yield return point;
            offset = page.NextPageOffset;
        }
        while (offset is not null);
    }

    private static PointStruct ToPoint(IndexedPaper paper, EmbeddingSignature signature)
    {
        var vectors = new Dictionary<string, Vector>(4);
        if (signature.HasVectors)
        {
            vectors[PaperCollection.DenseVector] = paper.Vectors.Select(v => v.ToArray()).ToArray();
            SentencePayload.AddVectors(vectors, paper.Sentences);
        }
        if (!paper.Terms.IsEmpty) vectors[PaperCollection.SparseVector] = (paper.Terms.Values.ToArray(), paper.Terms.Indices.ToArray());
        var payload = PaperPayload.From(paper.Paper);
        payload[SentencePayload.Field] = SentencePayload.ToValue(paper.Sentences);
        return new PointStruct
        {
            Id = PaperPointId.For(paper.Paper.Id),
            Vectors = vectors,
            Payload = { payload },
        };
    }

    private static void Validate(IndexedPaper paper, EmbeddingSignature signature)
    {
        var id = paper.Paper.Id;
        if (paper.Chunks.Count == 0) throw new ArgumentException($"Paper {id} has no chunks to index.");
        if (paper.Chunks.Any(c => c.PaperId != id)) throw new ArgumentException($"Paper {id} has a chunk of another paper.");
        if (!signature.HasVectors) return;
        if (paper.Vectors.Count != paper.Chunks.Count)
        {
            throw new ArgumentException($"Paper {id} has {paper.Chunks.Count} chunks but {paper.Vectors.Count} vectors.");
        }
        if (paper.Vectors.Any(v => v.Length != signature.Dimension)
            || paper.Sentences.Sentences.Any(s => !s.Vector.IsEmpty && s.Vector.Length != signature.Dimension)
            || (!paper.Sentences.TitleVector.IsEmpty && paper.Sentences.TitleVector.Length != signature.Dimension))
        {
            throw new ArgumentException($"Paper {id} has a vector that is not {signature.Dimension}-dimensional.");
        }
    }
}
