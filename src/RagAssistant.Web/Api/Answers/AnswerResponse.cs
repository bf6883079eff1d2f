using RagAssistant.Core.Orchestration.Events;

namespace RagAssistant.Web.Api.Answers;

/// <summary>
/// A finished, cited answer: the same object as <c>rag ask --json</c>, so REST and MCP callers parse one shape.
/// Every <c>[n]</c> in <paramref name="Answer"/> is among <paramref name="Citations"/>; <paramref name="Sources"/>
/// are all papers the answer could cite, numbered as in the text.
/// </summary>
public sealed record AnswerResponse(
    string Answer,
    IReadOnlyList<AnswerCitation> Citations,
    IReadOnlyList<AnswerSourceItem> Sources,
    AnswerKind Kind,
    string Query,
    bool Covered,
    int RemovedCitations,
    int UnsupportedCitations);

/// <summary>A paper cited as <c>[n]</c>; <paramref name="Verified"/> is false when a sentence citing it was not supported by its abstract.</summary>
public sealed record AnswerCitation(int N, string PaperId, string Title, bool Verified);

/// <summary>A numbered source of the answer, with what a caller needs to show or fetch it.</summary>
public sealed record AnswerSourceItem(int N, string PaperId, string Title, string? Date, int? AuthorCount, string? Url, double Relevance);
