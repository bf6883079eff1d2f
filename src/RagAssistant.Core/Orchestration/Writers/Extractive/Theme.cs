using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>Papers of a literature summary that speak about the same thing, and the words that name it.</summary>
internal sealed record Theme(string Label, IReadOnlyList<AnswerSource> Papers);
