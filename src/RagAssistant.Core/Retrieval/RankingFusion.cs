namespace RagAssistant.Core.Retrieval;

/// <summary>
/// Fuses a store's two raw rankings into one (the only place that does). A paper missing from a ranking
/// contributes nothing from it. Ties break by paper id, so results do not depend on the store.
/// </summary>
public static class RankingFusion
{
    public static IReadOnlyList<FusedPaper> Fuse(PaperRankings rankings, FusionSettings settings)
    {
        var dense = Contributions(rankings.Dense, settings, scoreHasNaturalZero: false);
        var sparse = Contributions(rankings.Sparse, settings, scoreHasNaturalZero: true);
        var cosine = rankings.Dense.ToDictionary(hit => hit.PaperId, hit => hit.Score);
        var bm25 = rankings.Sparse.ToDictionary(hit => hit.PaperId, hit => hit.Score);
        return [.. cosine.Keys.Union(bm25.Keys)
            .Select(id => new FusedPaper(
                id,
                settings.DenseWeight * dense.GetValueOrDefault(id) + (1 - settings.DenseWeight) * sparse.GetValueOrDefault(id),
                cosine.TryGetValue(id, out var c) ? c : null,
                bm25.TryGetValue(id, out var b) ? b : null))
            .OrderByDescending(paper => paper.Score)
            .ThenBy(paper => paper.PaperId, StringComparer.Ordinal)];
    }

    /// <summary>Each paper's share of one ranking, on a 0–1 scale that makes the two rankings comparable.</summary>
    /// <remarks>
    /// Weighted: BM25 is divided by the best BM25 (0 means no shared term), cosine is min-max scaled over the
    /// candidates (a cosine has no meaningful zero; the last candidate's is an arbitrary floor).
    /// </remarks>
    private static Dictionary<string, double> Contributions(IReadOnlyList<RankedPaper> ranking, FusionSettings settings, bool scoreHasNaturalZero)
    {
        if (ranking.Count == 0) return [];
        switch (settings.Method)
        {
            case FusionMethod.ReciprocalRank:
                // Scaled so that rank 1 gives 1, like the other methods' best paper.
                return ranking.Select((hit, rank) => (hit.PaperId, share: (settings.RrfK + 1.0) / (settings.RrfK + rank + 1)))
                    .ToDictionary(entry => entry.PaperId, entry => entry.share);
            case FusionMethod.DistributionBased:
            {
                var mean = ranking.Average(hit => hit.Score);
                var deviation = Math.Sqrt(ranking.Average(hit => (hit.Score - mean) * (hit.Score - mean)));
                var low = mean - 3 * deviation;
                return ranking.ToDictionary(hit => hit.PaperId, hit => deviation > 0 ? Math.Clamp((hit.Score - low) / (6 * deviation), 0, 1) : 1);
            }
            default:
            {
                var (low, high) = (scoreHasNaturalZero ? 0 : ranking.Min(hit => hit.Score), ranking.Max(hit => hit.Score));
                return ranking.ToDictionary(hit => hit.PaperId, hit => high > low ? (hit.Score - low) / (high - low) : 1);
            }
        }
    }
}
