using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// A question to answer. A follow-up is condensed against <paramref name="History"/>, the conversation's recent turns
/// (none for a question on its own). <paramref name="Kind"/> unset means: decided from the wording
/// (<see cref="QuestionIntent"/>). The dates limit retrieval to papers dated within them.
/// </summary>
public sealed record AnswerRequest(
    string Question,
    IReadOnlyList<ConversationTurn>? History = null,
    AnswerKind? Kind = null,
    DateOnly? From = null,
    DateOnly? To = null);
