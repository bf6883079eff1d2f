using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Evaluation;

/// <summary>
/// The relevance gate's calibration curve: for each threshold pair, what an answer's sources would be — the first
/// <c>sources</c> papers of the fused ranking that pass the gate — and how often they hold a relevant paper
/// (an upper bound of <c>cite_hit</c>: the writer cites some of the sources), whether the first one is relevant,
/// their precision, and how often nothing passes (the answer is refused). For questions no paper answers,
/// only the refused share is meaningful, and it should be 1.
/// </summary>
public static class GateCalibration
{
    public static IReadOnlyList<RelevanceGate> Candidates(RelevanceGate template) =>
        [.. Enumerable.Range(0, 21).Select(step => 0.20 + step * 0.025)
            .SelectMany(minCosine => new[] { 0.05, 0.10, 0.15, 0.20, 1.0 }.Select(gap => template with { MinCosine = Math.Round(minCosine, 3), MaxCosineGap = gap }))];

    public static GatePoint Measure(
        RelevanceGate gate, IReadOnlyList<(IReadOnlyDictionary<string, int>? Relevant, PaperRankings Rankings)> questions, FusionSettings fusion, int sources)
    {
        int hits = 0, firstHits = 0, refused = 0, cited = 0, citedRelevant = 0;
        foreach (var (relevant, rankings) in questions)
        {
            var best = PaperRetriever.BestCosine(rankings);
            var passed = PaperRetriever.Fuse(rankings, SearchMode.Hybrid, fusion).Take(sources).Where(paper => gate.Admits(paper, best)).ToList();
            if (passed.Count == 0)
            {
                refused++;
                continue;
            }
            if (relevant is null) continue;
            cited += passed.Count;
            var relevantCount = passed.Count(paper => relevant.ContainsKey(paper.PaperId));
            citedRelevant += relevantCount;
            if (relevantCount > 0) hits++;
            if (relevant.ContainsKey(passed[0].PaperId)) firstHits++;
        }
        var n = Math.Max(1, questions.Count);
        return new GatePoint(gate, (double)hits / n, (double)firstHits / n, cited == 0 ? 0 : (double)citedRelevant / cited, (double)refused / n);
    }
}

/// <summary>One point of the curve; <paramref name="SourceHit"/> and <paramref name="FirstHit"/> count a refusal as a miss.</summary>
public sealed record GatePoint(RelevanceGate Gate, double SourceHit, double FirstHit, double SourcePrecision, double Refused);
