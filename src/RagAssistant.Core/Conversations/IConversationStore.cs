using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// Where kept conversations live: files in the data directory (<see cref="FileConversationStore"/>, one node) or Redis
/// (several nodes, <c>Rag:SharedState=redis</c>). Every call names the owner: another owner's conversation of the same id
/// is never found, listed, continued or deleted. A conversation exists once it holds an exchange — answered, stopped,
/// failed, or interrupted (its question was pending when the process answering it stopped).
/// Both keep each conversation as the lines of <see cref="ConversationLines"/>.
/// </summary>
public interface IConversationStore
{
    /// <summary><paramref name="owner"/>'s conversation of that id (its latest exchanges), or null.</summary>
    Task<ChatTranscript?> FindAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default);

    /// <summary><paramref name="owner"/>'s conversations, most recent first.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationOwner owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that <paramref name="question"/> is being answered in <paramref name="transcript"/>'s conversation (creating
    /// it on its first question). Until <see cref="AppendAsync"/> or <see cref="WithdrawAsync"/> settles it, other
    /// processes see it as interrupted, which is what it is if this process stops.
    /// </summary>
    Task BeginAsync(ChatTranscript transcript, PendingQuestion question, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds one exchange (and the history turn it produced, if any), settling the pending question of the same question
    /// and time; returns the conversation as now kept.
    /// </summary>
    Task<ChatTranscript> AppendAsync(ChatTranscript transcript, ChatExchange exchange, ConversationTurn? turn, CancellationToken cancellationToken = default);

    /// <summary>Settles a pending question without keeping an exchange (a hub or CLI answer that was stopped).</summary>
    Task WithdrawAsync(ChatTranscript transcript, PendingQuestion question, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="owner"/>'s conversation; false when they had none of that id.</summary>
    Task<bool> DeleteAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default);
}

/// <summary>A question whose answer has started: <paramref name="Kind"/> is the one asked for, if any.</summary>
public sealed record PendingQuestion(string Question, DateTimeOffset AskedAt, Contracts.AnswerKind? Kind = null);

/// <summary>The conversation store cannot be reached (Redis down): nothing can be read or kept until it is back.</summary>
public sealed class ConversationStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
