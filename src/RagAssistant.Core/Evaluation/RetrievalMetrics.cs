namespace RagAssistant.Core.Evaluation;

/// <summary>The standard ranking metrics, as BEIR (pytrec_eval) computes them.</summary>
public static class RetrievalMetrics
{
    /// <summary>Normalised discounted cumulative gain over the first <paramref name="k"/> results, with linear gains.</summary>
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k)
    {
        var dcg = ranked.Take(k).Select((id, rank) => relevant.GetValueOrDefault(id) / Math.Log2(rank + 2)).Sum();
        var ideal = relevant.Values.OrderDescending().Take(k).Select((gain, rank) => gain / Math.Log2(rank + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k) =>
        relevant.Count == 0 ? 0 : (double)ranked.Take(k).Count(relevant.ContainsKey) / relevant.Count;

    /// <summary>1 / rank of the first relevant result within the first <paramref name="k"/>, else 0.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k)
    {
        for (var rank = 0; rank < Math.Min(k, ranked.Count); rank++)
        {
            if (relevant.ContainsKey(ranked[rank])) return 1.0 / (rank + 1);
        }
        return 0;
    }

    /// <summary>The value below which the given share of the samples fall (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> samples, double share)
    {
        if (samples.Count == 0) return 0;
        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
