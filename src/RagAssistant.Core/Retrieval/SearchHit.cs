using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval;

/// <summary>A paper found by a search, with the chunk that matched best.</summary>
public sealed record SearchHit(Paper Paper, double Score, string Snippet);
