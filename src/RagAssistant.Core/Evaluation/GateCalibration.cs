using RagAssistant.Contracts;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Evaluation;

/// <summary>
/// The relevance gate's calibration curve: for each gate setting, what an answer's sources would be — those of the
/// first <c>sources</c> papers of the ranking that pass the gate — and how often they hold a relevant paper (the
/// extractive writer cites every source, so this is its <c>cite_hit</c>), whether the first one is relevant, their
/// precision, and how often nothing passes (the answer is declined). For questions no paper answers only the
/// declined share means anything, and it should be 1.
/// </summary>
public static class GateCalibration
{
    public static IReadOnlyList<RelevanceGate> Candidates(RelevanceGate template) =>
        [.. Enumerable.Range(0, 13).Select(step => Math.Round(0.30 + step * 0.02, 3))
            .SelectMany(minCosine => new[] { 0.0, 0.5, 0.6, 0.7, 0.8 }
            .Select(share => template with { MinCosine = minCosine, MinShareOfFirst = share }))];

    /// <summary>One question's first papers as the gate sees them, ranked, and the best dense cosine.</summary>
    public static async Task<GateQuestion> ObserveAsync(PaperRetriever retriever, string question, int sources, IReadOnlyDictionary<string, int>? relevant, CancellationToken cancellationToken)
    {
        // As the answer pipeline asks it: the question's subject, without "which papers…" and the like.
        var subject = Orchestration.QuestionIntent.Subject(question);
        // The gate judges the fused ranking; with the learned ranker the calibrated probability decides instead.
        var retrieval = await retriever.RetrieveAsync(subject, sources, SearchMode.Hybrid, cancellationToken: cancellationToken);
        var terms = Orchestration.Text.QuestionTerms.Of(subject);
        return new GateQuestion(subject, relevant, retrieval.BestCosine, [.. retrieval.Papers.Select(paper =>
            new GateCandidate(paper.Paper.Id, paper.Paper.Title, paper.Cosine, PaperRetriever.TermCoverage(terms, paper.Paper), paper.Score))]);
    }

    public static GatePoint Measure(RelevanceGate gate, IReadOnlyList<GateQuestion> questions)
    {
        int hits = 0, firstHits = 0, refused = 0, cited = 0, citedRelevant = 0;
        foreach (var (question, relevant, _, candidates) in questions)
        {
            var firstScore = candidates.Count > 0 ? candidates[0].Score : 0;
            // The very rule answers apply (PaperRetriever without the ranker), a named paper included.
            var passed = candidates.Where(paper => gate.Admits(question, paper.Title, paper.Cosine, () => paper.TermCoverage, RelevanceGate.ShareOf(paper.Score, firstScore))).ToList();
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

/// <summary>A candidate as the gate judges it: its title (a question may name it), raw cosine, share of the question's terms, fused score.</summary>
public sealed record GateCandidate(string PaperId, string Title, double? Cosine, double TermCoverage, double Score);

/// <summary>A question (as answers ask it) and its candidates in ranked order; <paramref name="Relevant"/> is null for a question nothing answers.</summary>
public sealed record GateQuestion(string Question, IReadOnlyDictionary<string, int>? Relevant, double BestCosine, IReadOnlyList<GateCandidate> Candidates);

/// <summary>One point of the curve; <paramref name="SourceHit"/> and <paramref name="FirstHit"/> count a declined answer as a miss.</summary>
public sealed record GatePoint(RelevanceGate Gate, double SourceHit, double FirstHit, double SourcePrecision, double Refused);
