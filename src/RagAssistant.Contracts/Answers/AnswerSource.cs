using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>
/// A paper as a numbered source of one answer. <paramref name="Relevance"/> is how well the paper matches the
/// question, as the relevance gate judged it: the cosine of its best chunk with the question (with embeddings),
/// else the share of the question's content terms it mentions.
/// </summary>
public sealed record AnswerSource(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("date")] DateOnly? Date,
    [property: JsonPropertyName("author_count")] int? AuthorCount,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("abstract")] string Abstract,
    [property: JsonPropertyName("relevance")] double Relevance);
