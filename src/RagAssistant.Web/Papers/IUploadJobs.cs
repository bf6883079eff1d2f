using RagAssistant.Core.Conversations;

namespace RagAssistant.Web.Papers;

/// <summary>
/// Where upload jobs' status is kept, and how a change reaches the Papers pages: this process's memory
/// (<see cref="LocalUploadJobs"/>, one node) or Redis (<see cref="RedisUploadJobs"/>, every node sees every job).
/// One node at a time writes a job (the one receiving it, then the one indexing it), so a save replaces the job whole.
/// </summary>
public interface IUploadJobs
{
    /// <summary>Raised, on a background thread, with the owner of a job that changed (on any node sharing the jobs).</summary>
    event Action<ConversationOwner>? Changed;

    Task SaveAsync(UploadJob job, CancellationToken cancellationToken = default);

    Task<UploadJob?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The jobs <paramref name="owner"/> started that are still kept, newest first.</summary>
    Task<IReadOnlyList<UploadJob>> OfAsync(ConversationOwner owner, CancellationToken cancellationToken = default);
}

/// <summary>The jobs' shared store cannot be reached; the message says so in words for the uploader.</summary>
public sealed class UploadsUnavailableException(string message, Exception inner) : Exception(message, inner);
