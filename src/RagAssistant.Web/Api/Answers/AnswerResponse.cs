using System.Text.Json.Serialization;
using RagAssistant.Core.Orchestration.Events;

namespace RagAssistant.Web.Api.Answers;

/// <summary>
/// A finished, cited answer: the same object as <c>rag ask --json</c>, so REST and MCP callers parse one shape.
/// Every <c>[n]</c> in <paramref name="Answer"/> is among <paramref name="Citations"/>; <paramref name="Sources"/>
/// are all papers the answer could cite, numbered as in the text. <paramref name="ConversationId"/> is set when the
/// question was asked within a conversation.
/// </summary>
public sealed record AnswerResponse(
    string Answer,
    IReadOnlyList<AnswerCitation> Citations,
    IReadOnlyList<AnswerSourceItem> Sources,
    AnswerKind Kind,
    string Query,
    bool Covered,
    int RemovedCitations,
    int UnsupportedCitations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConversationId = null);

/// <summary>A paper cited as <c>[n]</c>; <paramref name="Verified"/> is false when a sentence citing it was not supported by its abstract.</summary>
public sealed record AnswerCitation(int N, string PaperId, string Title, bool Verified)
{
    /// <summary>The sources the citations name, in source order, each verified only if every sentence citing it was.</summary>
    public static IReadOnlyList<AnswerCitation> From(IReadOnlyList<AnswerSource> sources, IReadOnlyList<CitationEvent> citations) =>
    [
        .. sources
            .Where(source => citations.Any(citation => citation.N == source.N))
            .Select(source => new AnswerCitation(
                source.N, source.PaperId, source.Title, citations.Where(citation => citation.N == source.N).All(citation => citation.Verified))),
    ];
}

/// <summary>A numbered source of the answer, with what a caller needs to show or fetch it.</summary>
public sealed record AnswerSourceItem(int N, string PaperId, string Title, string? Date, int? AuthorCount, string? Url, double Relevance);
