using RagAssistant.Contracts;

namespace RagAssistant.Core.Conversations;

/// <summary>
/// One question, in a kept conversation or on its own: <paramref name="ConversationId"/> names one of
/// <paramref name="Owner"/>'s conversations (another owner's of the same id is a different one), or is null for a
/// question asked alone, with no history and kept nowhere; <paramref name="Kind"/> forces an answer or a summary; the
/// dates limit the papers.
/// <paramref name="KeepUnfinished"/>: a stopped or failed answer is kept too (the page shows it on reload), not only a
/// finished one (the hub and the CLI keep only those, so a follow-up is never condensed against half an answer).
/// </summary>
public sealed record ConversationQuestion(
    ConversationOwner Owner,
    string? ConversationId,
    string Question,
    AnswerKind? Kind = null,
    DateOnly? From = null,
    DateOnly? To = null,
    bool KeepUnfinished = false);
