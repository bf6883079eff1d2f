using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval;

/// <summary>A paper found by a search, with the sentence of its abstract that best matches the question.</summary>
public sealed record SearchHit(Paper Paper, double Score, string Snippet);

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
}
