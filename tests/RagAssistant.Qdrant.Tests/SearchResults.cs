using RagAssistant.Core.Retrieval;

namespace RagAssistant.Qdrant.Tests;

internal static class SearchResults
{
    /// <summary>
    /// Equal scores come back in varying order (ties are common under RRF), so two result lists are
    /// the same when their scores agree rank by rank and they hold the same papers above the last score.
    /// </summary>
    public static bool Same(IReadOnlyList<SearchHit> expected, IReadOnlyList<SearchHit> actual, double tolerance = 1e-6)
    {
        if (expected.Count != actual.Count) return false;
        if (expected.Zip(actual).Any(pair => Math.Abs(pair.First.Score - pair.Second.Score) > tolerance)) return false;
        if (expected.Count == 0) return true;
        var cutoff = expected[^1].Score + tolerance;
        HashSet<string> Above(IReadOnlyList<SearchHit> hits) => [.. hits.Where(h => h.Score > cutoff).Select(h => h.Paper.Id)];
        return Above(expected).SetEquals(Above(actual));
    }

    public static string Describe(IReadOnlyList<SearchHit> hits) => string.Join(", ", hits.Select(h => $"{h.Paper.Id}={h.Score:F5}"));
}
