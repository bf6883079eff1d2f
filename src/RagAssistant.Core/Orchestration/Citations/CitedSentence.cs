namespace RagAssistant.Core.Orchestration.Citations;

/// <summary>A finished sentence of the answer as the user saw it, without its markers, and the sources it cites.</summary>
public sealed record CitedSentence(string Text, IReadOnlyList<int> Citations);
