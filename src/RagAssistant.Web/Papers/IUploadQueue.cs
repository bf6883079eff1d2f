namespace RagAssistant.Web.Papers;

/// <summary>
/// Saved uploads waiting for <see cref="UploadIndexingService"/>, bounded so that a flood of uploads is refused rather
/// than piling up: an in-process channel (<see cref="LocalUploadQueue"/>, one node) or a Redis stream that every node
/// takes uploads from (<see cref="RedisUploadQueue"/>).
/// </summary>
public interface IUploadQueue
{
    /// <summary>Uploads that may wait (or, with Redis, wait or be indexed) at once.</summary>
    public const int Capacity = 16;

    /// <summary>Nodes that may take one upload: an upload whose indexing stopped this many nodes is not tried again.</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// True when an upload cut short by this node's shutdown stays queued for another node to take; false when it is
    /// lost and the uploader has to upload again.
    /// </summary>
    bool KeepsUnfinished { get; }

    /// <summary>This node's name in a shared queue, written on the jobs it indexes; null for the queue of one node.</summary>
    string? Node { get; }

    /// <summary>Queues the upload and takes over its folder; false when <see cref="Capacity"/> uploads are already queued (the folder stays the caller's).</summary>
    Task<bool> TryEnqueueAsync(QueuedUpload upload, CancellationToken cancellationToken = default);

    /// <summary>The uploads for this node to index, one at a time, each in a folder on this node's disk.</summary>
    IAsyncEnumerable<QueuedUpload> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Done with <paramref name="upload"/> (indexed, or failed for good): it is not handed out again.</summary>
    Task CompleteAsync(QueuedUpload upload);
}

/// <summary>One upload's saved files (path on disk, name as uploaded) in their own folder, and the job that reports on them.</summary>
public sealed record QueuedUpload(string JobId, string Folder, IReadOnlyList<(string Path, string Name)> Files)
{
    /// <summary>The queue's own handle on the upload (the Redis stream entry); null in memory.</summary>
    public string? Receipt { get; init; }

    /// <summary>1 the first time the upload is taken; more when it is taken over from a node that stopped while indexing it.</summary>
    public int Attempt { get; init; } = 1;
}
