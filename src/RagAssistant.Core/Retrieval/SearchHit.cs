using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval;

/// <summary>A paper found by a search, with the sentence of its abstract that best matches the question.</summary>
public sealed record SearchHit(Paper Paper, double Score, string Snippet);
