namespace RagAssistant.Core.Orchestration.Conversations;

/// <summary>
/// Turns a follow-up ("and which of those conserve mass?") into a question that stands alone, so retrieval
/// sees what the user means. By the language model when there is one, by a rule otherwise.
/// </summary>
public interface IFollowUpCondenser
{
    /// <summary>The standalone query; the question itself when there is no history or it needs none.</summary>
    Task<string> CondenseAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default);
}
