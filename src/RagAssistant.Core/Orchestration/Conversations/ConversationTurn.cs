namespace RagAssistant.Core.Orchestration.Conversations;

/// <summary>One question and its answer; <paramref name="Query"/> is what was searched (the condensed follow-up), <paramref name="CitedPaperIds"/> the papers the answer cited.</summary>
public sealed record ConversationTurn(string Question, string Query, string Answer, IReadOnlyList<string> CitedPaperIds);
