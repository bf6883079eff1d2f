namespace RagAssistant.Core.Retrieval;

/// <summary>
/// Decides whether a retrieved paper answers the question well enough to be cited. With embeddings, on the
/// cosine of the paper's best chunk: at least <see cref="MinCosine"/>, and no more than <see cref="MaxCosineGap"/>
/// below the best candidate's (a paper far behind the best one dilutes the answer). Without embeddings (BM25
/// only), on the share of the question's content terms the paper mentions. Fused scores only rank: they say
/// nothing about relevance, so the gate never looks at them. Calibrated on SciFact train and on questions the
/// sample corpus cannot answer (README, Evaluation; <c>rag eval --calibrate</c>).
/// </summary>
public sealed record RelevanceGate(double MinCosine, double MaxCosineGap, double MinTermCoverage)
{
    public static RelevanceGate Default { get; } = new(MinCosine: 0.40, MaxCosineGap: 0.10, MinTermCoverage: 0.5);

    public bool Admits(FusedPaper paper, double bestCosine) =>
        paper.Cosine is { } cosine && cosine >= MinCosine && cosine >= bestCosine - MaxCosineGap;

    public bool AdmitsByTerms(double termCoverage) => termCoverage >= MinTermCoverage;
}
