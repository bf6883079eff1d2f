namespace RagAssistant.Core.Retrieval;

/// <summary>How <see cref="RankingFusion"/> combines the dense and BM25 rankings.</summary>
public enum FusionMethod
{
    /// <summary>Weighted sum of scores scaled to 0–1 within each ranking: BM25 by its best, cosine min-max.</summary>
    Weighted,

    /// <summary>Weighted sum of 1 / (k + rank) (Cormack et al., 2009): ranks only, no scores.</summary>
    ReciprocalRank,

    /// <summary>Weighted sum of scores scaled by each ranking's own spread, mean ± 3σ → 0–1 (Qdrant's DBSF).</summary>
    DistributionBased,
}

/// <summary>One way to fuse: the method, the dense ranking's weight (BM25 gets 1 − weight) and RRF's k.</summary>
public sealed record FusionSettings(FusionMethod Method, double DenseWeight, int RrfK = 60)
{
    /// <summary>
    /// Dense weight 0.4: the best weighted setting on the even half of SciFact train (nDCG@10 0.762), checked on the
    /// odd half (0.723); README, Evaluation.
    /// </summary>
    public static FusionSettings Default { get; } = new(FusionMethod.Weighted, 0.4);

    public override string ToString() => Method == FusionMethod.ReciprocalRank
        ? $"rrf(k={RrfK}, dense={DenseWeight:0.##})"
        : $"{Method.ToString().ToLowerInvariant()}(dense={DenseWeight:0.##})";
}
