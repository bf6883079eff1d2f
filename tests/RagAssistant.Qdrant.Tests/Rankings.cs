using RagAssistant.Core.Retrieval;

namespace RagAssistant.Qdrant.Tests;

internal static class Rankings
{
    /// <summary>
    /// Equal scores may come back in either order, so two rankings are the same when their scores agree rank by
    /// rank and they hold the same papers above the last score (the papers tied at the cut-off may differ).
    /// </summary>
    public static bool Same(IReadOnlyList<RankedPaper> expected, IReadOnlyList<RankedPaper> actual, double tolerance = 1e-6)
    {
        if (expected.Count != actual.Count) return false;
        if (expected.Zip(actual).Any(pair => Math.Abs(pair.First.Score - pair.Second.Score) > tolerance)) return false;
        if (expected.Count == 0) return true;
        var cutoff = expected[^1].Score + tolerance;
        HashSet<string> Above(IReadOnlyList<RankedPaper> ranking) => [.. ranking.Where(r => r.Score > cutoff).Select(r => r.PaperId)];
        return Above(expected).SetEquals(Above(actual));
    }

    public static string Describe(IReadOnlyList<RankedPaper> ranking) => string.Join(", ", ranking.Select(r => $"{r.PaperId}={r.Score:F5}"));
}
