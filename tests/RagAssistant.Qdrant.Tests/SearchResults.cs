using RagAssistant.Core.Retrieval;

namespace RagAssistant.Qdrant.Tests;

internal static class SearchResults
{
    public static bool Same(PaperRankings expected, PaperRankings actual, double tolerance = 1e-6) =>
        Same(expected.Dense, actual.Dense, tolerance) && Same(expected.Sparse, actual.Sparse, tolerance);

    public static string Describe(PaperRankings rankings) => $"dense [{Describe(rankings.Dense)}] sparse [{Describe(rankings.Sparse)}]";

    /// <summary>
    /// Equal scores come back in varying order (ties are common under RRF), so two result lists are
    /// the same when their scores agree rank by rank and they hold the same papers above the last score.
    /// </summary>
    public static bool Same(IReadOnlyList<RankedPaper> expected, IReadOnlyList<RankedPaper> actual, double tolerance = 1e-6)
    {
        if (expected.Count != actual.Count) return false;
        if (expected.Zip(actual).Any(pair => Math.Abs(pair.First.Score - pair.Second.Score) > tolerance)) return false;
        if (expected.Count == 0) return true;
        var cutoff = expected[^1].Score + tolerance;
        HashSet<string> Above(IReadOnlyList<RankedPaper> hits) => [.. hits.Where(h => h.Score > cutoff).Select(h => h.PaperId)];
        return Above(expected).SetEquals(Above(actual));
    }

    public static string Describe(IReadOnlyList<RankedPaper> hits) => string.Join(", ", hits.Select(h => $"{h.PaperId}={h.Score:F5}"));
}
