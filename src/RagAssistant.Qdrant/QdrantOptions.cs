namespace RagAssistant.Qdrant;

/// <summary>Where Qdrant runs and how the papers collection is laid out; bound from the "Qdrant" section.</summary>
public sealed class QdrantOptions
{
    public const string SectionName = "Qdrant";

    /// <summary>
    /// Qdrant's gRPC endpoint (port 6334), e.g. http://localhost:6334 or http://qdrant:6334 in docker-compose.
    /// An https URL (Qdrant Cloud, or a server with TLS on) makes the connection encrypted.
    /// </summary>
    public string Url { get; set; } = "http://localhost:6334";

    /// <summary>Sent as the <c>api-key</c> header of every call when set (QDRANT__SERVICE__API_KEY on the server).</summary>
    public string? ApiKey { get; set; }

    public string Collection { get; set; } = "papers";

    /// <summary>
    /// Shards the collection is split into when it is created; more than one spreads it over a cluster.
    /// Qdrant weighs BM25 terms by each shard's own IDF, so with several shards sparse scores differ
    /// slightly from the embedded store's (one shard reproduces them exactly).
    /// </summary>
    public int ShardNumber { get; set; } = 1;

    /// <summary>Copies of each shard when the collection is created; 2 or more survive the loss of a node.</summary>
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>Papers (points) per upsert call; a write of the indexer (up to 512 papers) becomes several calls.</summary>
    public int UpsertBatchSize { get; set; } = 128;

    /// <summary>
    /// Upsert calls in flight at once: while Qdrant applies one call (it applies a shard's updates one after another),
    /// the next is already encoded and on its way.
    /// </summary>
    public int UpsertConcurrency { get; set; } = 2;

    /// <summary>Retries of a failed or timed-out call before Qdrant is declared unreachable.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones double.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Limit for one attempt of one call (the gRPC deadline).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
