namespace RagAssistant.Core.Conversations;

/// <summary>What the sidebar (and <c>GET /api/conversations</c>) lists of a conversation, without its exchanges.</summary>
public sealed record ConversationSummary(string Id, string Title, DateTimeOffset Updated, int Questions);
