namespace RagAssistant.Core.Orchestration.Events;

/// <summary>
/// A paper as a numbered source of one answer. <paramref name="Relevance"/> (0–1) is how well the paper
/// matches the question: the local encoder's similarity blended with question-term coverage.
/// </summary>
public sealed record AnswerSource(
    int N,
    string PaperId,
    string Title,
    DateOnly? Date,
    int? AuthorCount,
    string? Url,
    string Abstract,
    double Relevance);
