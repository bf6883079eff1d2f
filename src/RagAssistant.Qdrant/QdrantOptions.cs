namespace RagAssistant.Qdrant;

/// <summary>Where Qdrant runs and how the papers collection is laid out; bound from the "Qdrant" section.</summary>
public sealed class QdrantOptions
{
    public const string SectionName = "Qdrant";

    /// <summary>REST endpoint (port 6333), e.g. http://localhost:6333 or http://qdrant:6333 in docker-compose.</summary>
    public string Url { get; set; } = "http://localhost:6333";

    /// <summary>Sent as the <c>api-key</c> header when set (QDRANT__SERVICE__API_KEY on the server).</summary>
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

    /// <summary>Points per upsert request; about 500 keeps requests near 2.5 MB with 512-d vectors.</summary>
    public int UpsertBatchSize { get; set; } = 500;

    /// <summary>Retries of a failed or timed-out request before Qdrant is declared unreachable.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Limit for one attempt of one request.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal Uri BaseAddress => new(Url.TrimEnd('/') + "/");
}
