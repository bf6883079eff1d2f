using System.Globalization;
using RagAssistant.Contracts;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval;

/// <summary>A paper found by a search, with the sentence of its abstract that best matches the question.</summary>
public sealed record SearchHit(Paper Paper, double Score, string Snippet)
{
    /// <summary>As every surface returns it (REST, MCP, the kernel's <c>search_papers</c>, <c>rag search --json</c>).</summary>
    public SearchResult ToResult() =>
        new(Paper.Id, Paper.Title, Paper.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Math.Round(Score, 6), Snippet);
}

/// <summary>
/// A search's papers, best first, and — when it had a date filter — how many papers without a date the filter left out
/// of the list the same search would have shown without it (<see cref="UndatedPapers.Notice"/> says so in words).
/// </summary>
public sealed record SearchHits(IReadOnlyList<SearchHit> Hits, int? UndatedLeftOut) : IReadOnlyList<SearchHit>
{
    public int Count => Hits.Count;

    public SearchHit this[int index] => Hits[index];

    public IEnumerator<SearchHit> GetEnumerator() => Hits.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>As REST and MCP return it.</summary>
    public SearchResponse ToResponse() => new([.. Hits.Select(hit => hit.ToResult())], UndatedLeftOut);
}
