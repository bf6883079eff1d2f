namespace RagAssistant.Core.Orchestration.Plugins;

/// <summary>A search result as a model or another agent receives it from <c>search_papers</c>.</summary>
public sealed record PaperMatch(string PaperId, string Title, string? Date, double Score, string Passage);
