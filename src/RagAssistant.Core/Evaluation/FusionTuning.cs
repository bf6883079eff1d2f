using RagAssistant.Contracts;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Evaluation;

/// <summary>
/// Tries fusion settings on a benchmark's raw rankings, fetched once per query (so no setting re-encodes
/// anything), and scores each on the even-numbered and the odd-numbered queries separately: choose on one
/// half, check on the other, so the figure reported is not the one tuned on.
/// </summary>
public static class FusionTuning
{
    /// <summary>The settings tried: weighted and distribution-based fusion over dense weights 0–1, and RRF over k.</summary>
    public static IReadOnlyList<FusionSettings> Candidates { get; } =
    [
        .. new[] { FusionMethod.Weighted, FusionMethod.DistributionBased }
            .SelectMany(method => Enumerable.Range(0, 21).Select(step => new FusionSettings(method, step * 0.05))),
        .. new[] { 2, 10, 30, 60, 100 }
            .SelectMany(k => new[] { 0.3, 0.4, 0.5, 0.6, 0.7 }.Select(weight => new FusionSettings(FusionMethod.ReciprocalRank, weight, k))),
    ];

    public static IReadOnlyList<FusionScore> Score(IReadOnlyList<(BeirQuery Query, PaperRankings Rankings)> judged, IEnumerable<FusionSettings> candidates) =>
        [.. candidates.Select(settings =>
        {
            var ndcg = judged.Select(entry => RetrievalMetrics.Ndcg(
                [.. PaperRetriever.Fuse(entry.Rankings, SearchMode.Hybrid, settings).Take(10).Select(paper => paper.PaperId)], entry.Query.Relevant, 10)).ToList();
            return new FusionScore(settings, Mean(ndcg.Where((_, i) => i % 2 == 0)), Mean(ndcg.Where((_, i) => i % 2 == 1)), Mean(ndcg));
        })];

    private static double Mean(IEnumerable<double> values) => values.DefaultIfEmpty(0).Average();
}

/// <summary>nDCG@10 of one fusion setting on the even queries (0, 2, 4, …), the odd ones, and all.</summary>
public sealed record FusionScore(FusionSettings Settings, double NdcgEven, double NdcgOdd, double NdcgAll);
