using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Orchestration;

/// <summary>
/// A question to answer. With a <paramref name="Conversation"/>, a follow-up is condensed against its history
/// and the finished answer is added to it. <paramref name="Kind"/> unset means: decided from the wording
/// (<see cref="QuestionIntent"/>). The dates limit retrieval to papers dated within them.
/// </summary>
public sealed record AnswerRequest(
    string Question,
    Conversation? Conversation = null,
    AnswerKind? Kind = null,
    DateOnly? From = null,
    DateOnly? To = null);
