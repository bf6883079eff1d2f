using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>One indexed paper with its whole abstract.</summary>
/// <param name="PaperId">Stable id of the paper.</param>
/// <param name="Title">The paper's title.</param>
/// <param name="Abstract">The whole abstract.</param>
/// <param name="Date">Publication date as yyyy-mm-dd, or null.</param>
/// <param name="AuthorCount">Number of authors, when known.</param>
/// <param name="Upvotes">Upvotes on the page it came from, when known.</param>
/// <param name="Url">Where to read the paper, when known.</param>
public sealed record PaperDetails(
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("abstract")] string Abstract,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("author_count")] int? AuthorCount,
    [property: JsonPropertyName("upvotes")] int? Upvotes,
    [property: JsonPropertyName("url")] string? Url);
