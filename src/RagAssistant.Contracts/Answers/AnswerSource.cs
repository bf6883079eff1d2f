using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>
/// A paper as a numbered source of one answer. <paramref name="Relevance"/> is how well the paper matches the
/// question, as the relevance gate judged it: the cosine of its best chunk with the question (with embeddings),
/// else the share of the question's content terms it mentions. A paper indexed from its PDF also offers the
/// <paramref name="Passages"/> of its body that best match the question, each with its page; an answer may quote and
/// cite them as it quotes the abstract. <paramref name="Authors"/> are the names when the index knows them (a PDF's).
/// </summary>
public sealed record AnswerSource(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("date")] DateOnly? Date,
    [property: JsonPropertyName("author_count")] int? AuthorCount,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("abstract")] string Abstract,
    [property: JsonPropertyName("relevance")] double Relevance,
    [property: JsonPropertyName("passages"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SourcePassage>? Passages = null,
    [property: JsonPropertyName("authors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Authors = null);

/// <summary>A sentence of a paper's body (not its abstract) offered to an answer, with the page it starts on and its section's heading.</summary>
public sealed record SourcePassage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("section")] string Section);
