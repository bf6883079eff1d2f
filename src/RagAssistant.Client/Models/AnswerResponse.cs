using System.Text.Json.Serialization;

namespace RagAssistant.Client.Models;

/// <summary>
/// A finished, cited answer (the object of <c>rag ask --json</c>). Every <c>[n]</c> in <see cref="Answer"/> is listed
/// in <see cref="Citations"/>.
/// </summary>
/// <param name="Answer">The answer text with <c>[n]</c> citation markers.</param>
/// <param name="Citations">The papers cited in the text.</param>
/// <param name="Sources">Every numbered paper the answer could cite.</param>
/// <param name="Kind">Whether this is an answer or a literature summary.</param>
/// <param name="Query">The query that was searched.</param>
/// <param name="Covered">False when no indexed paper was relevant; the answer then says so and cites nothing.</param>
/// <param name="RemovedCitations">Citations dropped because they named no source of this answer.</param>
/// <param name="UnsupportedCitations">Citations whose sentence the cited abstract did not support.</param>
/// <param name="ConversationId">The conversation the question was asked in, when the request named one.</param>
public sealed record AnswerResponse(
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("citations")] IReadOnlyList<AnswerCitation> Citations,
    [property: JsonPropertyName("sources")] IReadOnlyList<AnswerSourceItem> Sources,
    [property: JsonPropertyName("kind")] AnswerKind Kind,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("covered")] bool Covered,
    [property: JsonPropertyName("removed_citations")] int RemovedCitations,
    [property: JsonPropertyName("unsupported_citations")] int UnsupportedCitations,
    [property: JsonPropertyName("conversation_id")] string? ConversationId = null);

/// <summary>A paper cited as <c>[n]</c> in an answer.</summary>
/// <param name="N">The number in the text.</param>
/// <param name="PaperId">Stable id of the paper.</param>
/// <param name="Title">The paper's title.</param>
/// <param name="Verified">False when a sentence citing it was not supported by its abstract.</param>
public sealed record AnswerCitation(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("verified")] bool Verified);

/// <summary>A numbered source of an answer.</summary>
/// <param name="N">The number <c>[n]</c> refers to.</param>
/// <param name="PaperId">Stable id of the paper.</param>
/// <param name="Title">The paper's title.</param>
/// <param name="Date">Publication date as yyyy-mm-dd, or null.</param>
/// <param name="AuthorCount">Number of authors, when known.</param>
/// <param name="Url">Where to read the paper, when known.</param>
/// <param name="Relevance">How well the paper matches the question, 0 to 1.</param>
public sealed record AnswerSourceItem(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("author_count")] int? AuthorCount,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("relevance")] double Relevance);
