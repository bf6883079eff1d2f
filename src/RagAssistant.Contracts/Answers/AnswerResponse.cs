using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>
/// A finished, cited answer: one object for <c>rag ask --json</c>, <c>POST /api/ask</c>, the MCP <c>ask</c> tools and
/// the .NET client. Every <c>[n]</c> in <see cref="Answer"/> is listed in <see cref="Citations"/>. Built from the event
/// stream by <see cref="AnswerAccumulator.ToResponse"/> only.
/// </summary>
/// <param name="Answer">The answer text with <c>[n]</c> citation markers.</param>
/// <param name="Citations">The papers cited in the text.</param>
/// <param name="Sources">Every numbered paper the answer could cite.</param>
/// <param name="Kind">Whether this is an answer or a literature summary.</param>
/// <param name="Query">The query that was searched.</param>
/// <param name="Covered">False when no indexed paper was relevant; the answer then says so and cites nothing.</param>
/// <param name="RemovedCitations">Citations dropped because they named no source of this answer, and titles because no source of it has them.</param>
/// <param name="UnsupportedCitations">Citations whose sentence the cited abstract did not support.</param>
/// <param name="NearestPapers">When nothing was covered: the closest papers, offered as leads and never cited.</param>
/// <param name="TimingsMs">Milliseconds from the start of the request, rounded to 0.1.</param>
/// <param name="ConversationId">The conversation the question was asked in, when the request named one.</param>
/// <param name="Bibtex">The cited papers as BibTeX entries (<see cref="BibTex"/>), in citation order; absent when nothing is cited.</param>
public sealed record AnswerResponse(
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("citations")] IReadOnlyList<AnswerCitation> Citations,
    [property: JsonPropertyName("sources")] IReadOnlyList<AnswerSourceItem> Sources,
    [property: JsonPropertyName("kind")] AnswerKind Kind,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("covered")] bool Covered,
    [property: JsonPropertyName("removed_citations")] int RemovedCitations,
    [property: JsonPropertyName("unsupported_citations")] int UnsupportedCitations,
    [property: JsonPropertyName("nearest_papers")] IReadOnlyList<NearestPaper>? NearestPapers = null,
    [property: JsonPropertyName("timings_ms")] AnswerTimingsMs? TimingsMs = null,
    [property: JsonPropertyName("conversation_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConversationId = null,
    [property: JsonPropertyName("bibtex"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Bibtex = null);

/// <summary>A paper cited as <c>[n]</c> in an answer.</summary>
/// <param name="N">The number in the text.</param>
/// <param name="PaperId">Stable id of the paper.</param>
/// <param name="Title">The paper's title.</param>
/// <param name="Verified">False when a sentence citing it was not supported by its abstract.</param>
/// <param name="Verdict">The weakest verdict of its citations: <c>unsupported</c>, else <c>similar</c>, else <c>quoted</c>.</param>
/// <param name="Pages">The pages of the paper's body its citations rest on, in order (absent when they rest on the abstract): <c>[2, p. 5]</c>.</param>
public sealed record AnswerCitation(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("verdict")] string Verdict = CitationVerdicts.Quoted,
    [property: JsonPropertyName("pages"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? Pages = null);

/// <summary>A numbered source of an answer.</summary>
/// <param name="N">The number <c>[n]</c> refers to.</param>
/// <param name="PaperId">Stable id of the paper.</param>
/// <param name="Title">The paper's title.</param>
/// <param name="Date">Publication date as yyyy-mm-dd, or null.</param>
/// <param name="AuthorCount">Number of authors, when known.</param>
/// <param name="Url">Where to read the paper, when known.</param>
/// <param name="Relevance">How well the paper matches the question, 0 to 1.</param>
/// <param name="Passages">For a paper indexed from its PDF: the passages of its body offered to the answer, with their pages.</param>
public sealed record AnswerSourceItem(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("author_count")] int? AuthorCount,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("relevance")] double Relevance,
    [property: JsonPropertyName("passages"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SourcePassage>? Passages = null);

/// <summary>Milliseconds from the start of the request, rounded to 0.1.</summary>
/// <param name="Retrieval">Until the sources were known.</param>
/// <param name="FirstText">Until the first text, if any.</param>
/// <param name="Total">Until done.</param>
public sealed record AnswerTimingsMs(
    [property: JsonPropertyName("retrieval")] double Retrieval,
    [property: JsonPropertyName("first_text")] double? FirstText,
    [property: JsonPropertyName("total")] double Total);
