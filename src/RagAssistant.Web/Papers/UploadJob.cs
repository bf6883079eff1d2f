using RagAssistant.Core.Conversations;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;

namespace RagAssistant.Web.Papers;

public enum UploadState
{
    Receiving,
    Queued,
    Indexing,
    Done,
    Failed,
}

/// <summary>
/// One "Add papers" upload as far as it has got: a snapshot, of which <see cref="IUploadJobs"/> keeps the latest.
/// <paramref name="Owner"/> started it and is the only one who sees it.
/// </summary>
public sealed record UploadJob(string Id, DateTimeOffset Started, IReadOnlyList<string> Files, ConversationOwner Owner)
{
    public UploadState State { get; init; } = UploadState.Receiving;

    public IndexProgress Progress { get; init; }

    public IndexSummary? Summary { get; init; }

    /// <summary>Why the whole job failed (or waits again), when it did.</summary>
    public string? Message { get; init; }

    /// <summary>Files refused and lines skipped, by file and line; the rest of the upload still goes in.</summary>
    public IReadOnlyList<IngestionError> Errors { get; init; } = [];

    /// <summary>The node that indexed (or is indexing) the upload, as its queue names it; null until one takes it.</summary>
    public string? IndexedBy { get; init; }

    public bool IsOver => State is UploadState.Done or UploadState.Failed;
}
