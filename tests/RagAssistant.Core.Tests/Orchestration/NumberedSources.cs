using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Citations;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>Sources numbered 1 to n with placeholder titles and abstracts, for stream tests about numbers only.</summary>
internal static class NumberedSources
{
    public static IReadOnlyList<AnswerSource> Of(int count) =>
        [.. Enumerable.Range(1, count).Select(n => new AnswerSource(n, $"p{n}", $"Paper {n}", null, null, null, $"Abstract of paper {n}.", 0.5))];

    public static CitationStream Stream(int count) => new(Of(count), question: "");
}
