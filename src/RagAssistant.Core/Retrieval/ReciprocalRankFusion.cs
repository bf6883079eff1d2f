namespace RagAssistant.Core.Retrieval;

/// <summary>
/// Fuses rankings by summing 1 / (k + rank) over the rankings an item appears in (Cormack et al., 2009):
/// no score calibration needed between BM25 and cosine similarity.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int K = 60;

    public static IReadOnlyList<(T Item, double Score)> Fuse<T>(IEnumerable<IReadOnlyList<T>> rankings, int k = K)
        where T : notnull
    {
        var scores = new Dictionary<T, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (k + rank + 1);
            }
        }
        return [.. scores.OrderByDescending(pair => pair.Value).Select(pair => (pair.Key, pair.Value))];
    }
}
