using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>
/// One step of an answer as it is produced. Every surface (CLI, Blazor page, SignalR hub, REST, MCP, the .NET client)
/// reads the same stream of these, in this order:
/// <list type="number">
/// <item><see cref="SourcesEvent"/> first: the numbered papers the answer may cite (empty when no paper covers the question).
/// Exactly once, except in agent mode, where the model searches while it answers: there the first one holds the papers
/// found so far (usually none), and each time a tool finds more, another follows with <i>all</i> sources so far, earlier
/// numbers unchanged, before any text that cites the new ones. Keep the latest.</item>
/// <item><see cref="TextDeltaEvent"/> zero or more times: text to append, already cleaned of citations to sources that do not exist.</item>
/// <item><see cref="CitationEvent"/> after the text of each cited sentence, once per citation in it, saying whether the sentence is supported.</item>
/// <item><see cref="DoneEvent"/> last on success, or <see cref="ErrorEvent"/> last on failure; nothing follows either.</item>
/// </list>
/// Serialised as the base type, each event carries a <c>"type"</c> discriminator: <c>sources</c>, <c>text</c>,
/// <c>citation</c>, <c>done</c>, <c>error</c>. Field names are fixed snake_case (<see cref="WireJson"/>) whatever
/// serializer writes them — SignalR's, Semantic Kernel's or ours. An event of a type a reader does not know arrives
/// as a plain <see cref="AnswerEvent"/>, to be ignored, so the server can add events without breaking older clients.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(SourcesEvent), "sources")]
[JsonDerivedType(typeof(TextDeltaEvent), "text")]
[JsonDerivedType(typeof(CitationEvent), "citation")]
[JsonDerivedType(typeof(DoneEvent), "done")]
[JsonDerivedType(typeof(ErrorEvent), "error")]
public record AnswerEvent;

/// <summary>
/// The sources of this answer, numbered from 1 once per answer; <c>[n]</c> in the text refers to
/// <see cref="AnswerSource.N"/>. <paramref name="Query"/> is the standalone query that was searched (a
/// follow-up condensed with its conversation), <paramref name="Kind"/> whether an answer or a literature summary follows.
/// When no paper passed the relevance gate, <paramref name="Sources"/> is empty and <paramref name="NearestPapers"/>
/// names the closest papers, which the answer mentions but never cites. With a date filter, <paramref name="UndatedLeftOut"/>
/// counts the papers without a date that the filter kept out of the search (absent without a filter).
/// </summary>
public sealed record SourcesEvent(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("kind")] AnswerKind Kind,
    [property: JsonPropertyName("sources")] IReadOnlyList<AnswerSource> Sources,
    [property: JsonPropertyName("nearest_papers")] IReadOnlyList<NearestPaper>? NearestPapers = null,
    [property: JsonPropertyName("undated_left_out"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? UndatedLeftOut = null) : AnswerEvent;

/// <summary>A paper close to a question that no indexed paper covers: shown as a lead, never cited.</summary>
public sealed record NearestPaper(
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("relevance")] double Relevance);

/// <summary>Text to append to the answer. Concatenating every delta gives <see cref="DoneEvent.Answer"/>.</summary>
public sealed record TextDeltaEvent([property: JsonPropertyName("text")] string Text) : AnswerEvent;

/// <summary>
/// A citation <c>[n]</c> that reached the user, with the sentence it backs and what the check found:
/// <paramref name="Verdict"/> is <see cref="CitationVerdicts.Quoted"/> (the sentence stands verbatim in the cited
/// abstract, or names the paper), <see cref="CitationVerdicts.Similar"/> (a close paraphrase; <paramref name="Similarity"/>
/// says how close) or <see cref="CitationVerdicts.Unsupported"/>. <paramref name="Verified"/> is true for the first
/// two. An unsupported citation stays in the text but is flagged, so a surface can mark it instead of showing it as
/// fact; <paramref name="Reason"/> says why in words a person can read. When the sentence's evidence is a passage of
/// the paper's body rather than its abstract, <paramref name="Page"/> and <paramref name="Section"/> say where it stands.
/// </summary>
public sealed record CitationEvent(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("sentence")] string Sentence,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("verdict")] string Verdict = CitationVerdicts.Unsupported,
    [property: JsonPropertyName("similarity")] double? Similarity = null,
    [property: JsonPropertyName("page"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Page = null,
    [property: JsonPropertyName("section"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Section = null) : AnswerEvent
{
    /// <summary>"p. 5" for a body passage's citation, else null: what a surface writes next to the number (<c>[2, p. 5]</c>).</summary>
    [JsonIgnore]
    public string? PageLabel => Page is { } page ? $"p. {page}" : null;
}

/// <summary>The names of <see cref="CitationEvent.Verdict"/>, each named for what was checked.</summary>
public static class CitationVerdicts
{
    /// <summary>The sentence stands verbatim in the cited abstract, or names the paper.</summary>
    public const string Quoted = "quoted";

    /// <summary>A close paraphrase of a sentence of the cited abstract.</summary>
    public const string Similar = "similar";

    /// <summary>The cited abstract does not support the sentence.</summary>
    public const string Unsupported = "unsupported";
}

/// <summary>
/// The answer is complete. <paramref name="Answer"/> is the full text as streamed; <paramref name="RemovedCitations"/>
/// counts citations dropped because they named no source of this answer, and quoted or italicised titles dropped
/// because no source of this answer has them; <paramref name="Covered"/> is false
/// when no indexed paper was relevant enough and the answer says so instead.
/// </summary>
public sealed record DoneEvent(
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("covered")] bool Covered,
    [property: JsonPropertyName("removed_citations")] int RemovedCitations,
    [property: JsonPropertyName("unsupported_citations")] int UnsupportedCitations,
    [property: JsonPropertyName("timings")] AnswerTimings Timings) : AnswerEvent;

/// <summary>
/// The answer failed; <paramref name="Message"/> is safe to show to a user. <paramref name="ServiceUnreachable"/>
/// is true when a service in another process (the chat endpoint, Qdrant) could not be reached, so a caller
/// can tell "try again later" from "this cannot work". Always the last event.
/// </summary>
public sealed record ErrorEvent(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("service_unreachable")] bool ServiceUnreachable = false) : AnswerEvent;
