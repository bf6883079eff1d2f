namespace RagAssistant.Core.Orchestration.Events;

/// <summary>
/// A paper as a numbered source of one answer. <paramref name="Relevance"/> is how well the paper matches the
/// question, as the relevance gate judged it: the cosine of its best chunk with the question (with embeddings),
/// else the share of the question's content terms it mentions.
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
