using System.Text.Json.Serialization;

namespace RagAssistant.Client.Models;

/// <summary>
/// One step of an answer as the server writes it, from <see cref="RagAssistantClient.StreamAnswerAsync"/> or
/// <see cref="Chat.RagAssistantChatClient.AskAsync"/>. In order: one <see cref="SourcesEvent"/>, then
/// <see cref="TextDeltaEvent"/>s and <see cref="CitationEvent"/>s, then <see cref="DoneEvent"/> or <see cref="ErrorEvent"/>.
/// An event of a type this client does not know arrives as a plain <see cref="AnswerEvent"/>, to be ignored.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(SourcesEvent), "sources")]
[JsonDerivedType(typeof(TextDeltaEvent), "text")]
[JsonDerivedType(typeof(CitationEvent), "citation")]
[JsonDerivedType(typeof(DoneEvent), "done")]
[JsonDerivedType(typeof(ErrorEvent), "error")]
public record AnswerEvent;

/// <summary>The numbered papers the answer may cite; always first.</summary>
/// <param name="Query">The standalone query that was searched.</param>
/// <param name="Kind">Whether an answer or a literature summary follows.</param>
/// <param name="Sources">The numbered sources, with their abstracts.</param>
public sealed record SourcesEvent(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("kind")] AnswerKind Kind,
    [property: JsonPropertyName("sources")] IReadOnlyList<AnswerSource> Sources) : AnswerEvent;

/// <summary>Text to append to the answer.</summary>
/// <param name="Text">The next piece of the answer.</param>
public sealed record TextDeltaEvent([property: JsonPropertyName("text")] string Text) : AnswerEvent;

/// <summary>A citation that reached the text, with the sentence it backs and whether the cited abstract supports it.</summary>
/// <param name="N">The number in the text.</param>
/// <param name="PaperId">The cited paper.</param>
/// <param name="Sentence">The sentence the citation backs.</param>
/// <param name="Verified">Whether the cited abstract supports the sentence.</param>
/// <param name="Reason">Why, in words a person can read.</param>
public sealed record CitationEvent(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("sentence")] string Sentence,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("reason")] string Reason) : AnswerEvent;

/// <summary>The answer is complete; nothing follows.</summary>
/// <param name="Answer">The whole answer text.</param>
/// <param name="Covered">False when no indexed paper was relevant.</param>
/// <param name="RemovedCitations">Citations dropped because they named no source.</param>
/// <param name="UnsupportedCitations">Citations flagged as unsupported.</param>
/// <param name="Timings">Milliseconds spent, from the start of the request.</param>
public sealed record DoneEvent(
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("covered")] bool Covered,
    [property: JsonPropertyName("removed_citations")] int RemovedCitations,
    [property: JsonPropertyName("unsupported_citations")] int UnsupportedCitations,
    [property: JsonPropertyName("timings")] AnswerTimings? Timings) : AnswerEvent;

/// <summary>The answer failed; nothing follows.</summary>
/// <param name="Message">What went wrong, safe to show to a user.</param>
/// <param name="ServiceUnreachable">True when a service the server needs could not be reached: try again later.</param>
public sealed record ErrorEvent(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("service_unreachable")] bool ServiceUnreachable = false) : AnswerEvent;

/// <summary>A paper as a numbered source of one answer.</summary>
/// <param name="N">The number <c>[n]</c> refers to.</param>
/// <param name="PaperId">Stable id of the paper.</param>
/// <param name="Title">The paper's title.</param>
/// <param name="Date">Publication date, when known.</param>
/// <param name="AuthorCount">Number of authors, when known.</param>
/// <param name="Url">Where to read the paper, when known.</param>
/// <param name="Abstract">The paper's abstract.</param>
/// <param name="Relevance">How well the paper matches the question, 0 to 1.</param>
public sealed record AnswerSource(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("date")] DateOnly? Date,
    [property: JsonPropertyName("author_count")] int? AuthorCount,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("abstract")] string Abstract,
    [property: JsonPropertyName("relevance")] double Relevance);

/// <summary>Milliseconds from the start of the request.</summary>
/// <param name="RetrievalMs">Until the sources were known.</param>
/// <param name="FirstTextMs">Until the first text, if any.</param>
/// <param name="TotalMs">Until done.</param>
public sealed record AnswerTimings(
    [property: JsonPropertyName("retrieval_ms")] double RetrievalMs,
    [property: JsonPropertyName("first_text_ms")] double? FirstTextMs,
    [property: JsonPropertyName("total_ms")] double TotalMs);
