namespace RagAssistant.Core.Conversations;

/// <summary>What the sidebar lists of a conversation, without its exchanges.</summary>
public sealed record ConversationSummary(string Id, string? SessionId, string Title, DateTimeOffset Updated, int Questions);
