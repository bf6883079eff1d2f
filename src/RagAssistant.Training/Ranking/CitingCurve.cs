using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Training.Ranking;

/// <summary>
/// The calibration curve of citing: for each probability threshold, what answers would cite — of each question's first
/// <c>sources</c> re-ranked papers, those whose probability reaches the threshold, provided one of them clears the
/// relevance gate's absolute floor, as <c>PaperRetriever</c> decides — measured on judged questions (out-of-fold
/// probabilities) and on questions no paper answers.
/// </summary>
public static class CitingCurve
{
    private static readonly int Cosine = RankerTraining.Columns(["dense_cosine"])[0];
    private static readonly int DenseRank = RankerTraining.Columns(["dense_rank"])[0];
    private static readonly int TermsCovered = RankerTraining.Columns(["terms_covered"])[0];

    public static IReadOnlyList<double> Thresholds { get; } = [.. Enumerable.Range(1, 99).Select(step => step / 100.0)];

    /// <param name="judged">Each judged question with its candidates' probabilities.</param>
    /// <param name="unanswerable">For each question no paper answers, its candidates' probabilities.</param>
    public static CitingPoint Measure(
        double threshold, IReadOnlyList<(TrainingQuestion Question, double[] Probabilities)> judged,
        IReadOnlyList<(TrainingQuestion Question, double[] Probabilities)> unanswerable, int sources)
    {
        int hits = 0, firstHits = 0, refused = 0, cited = 0, citedRelevant = 0;
        foreach (var (question, probabilities) in judged)
        {
            var chosen = Cited(question, probabilities, threshold, sources).Select(i => question.PaperIds[i]).ToList();
            if (chosen.Count == 0)
            {
                refused++;
                continue;
            }
            var relevant = question.Relevant!;
            cited += chosen.Count;
            citedRelevant += chosen.Count(relevant.ContainsKey);
            if (chosen.Any(relevant.ContainsKey)) hits++;
            if (relevant.ContainsKey(chosen[0])) firstHits++;
        }
        var n = Math.Max(1, judged.Count);
        var declined = unanswerable.Count(entry => !Cited(entry.Question, entry.Probabilities, threshold, sources).Any());
        return new CitingPoint(threshold, (double)hits / n, (double)firstHits / n, cited == 0 ? 0 : (double)citedRelevant / cited, (double)refused / n,
            unanswerable.Count, declined);
    }

    /// <summary>
    /// The threshold an answer cites from: the highest on the grid (the most precise citing) that still answers all but
    /// <paramref name="maxRefused"/> of the judged questions, raised if need be until every unanswerable question is declined.
    /// </summary>
    public static double Choose(IReadOnlyList<CitingPoint> curve, double maxRefused)
    {
        var answering = curve.Where(point => point.Refused <= maxRefused).Select(point => point.Threshold).DefaultIfEmpty(curve[0].Threshold).Max();
        var declining = curve.Where(point => point.UnanswerableDeclined == point.Unanswerable).Select(point => point.Threshold).DefaultIfEmpty(curve[^1].Threshold).Min();
        return Math.Max(answering, declining);
    }

    /// <summary>
    /// Candidates (by index) an answer cites: of the first <paramref name="sources"/> by probability, those that reach the
    /// threshold — when one of them clears the gate's floor, else none.
    /// </summary>
    private static IEnumerable<int> Cited(TrainingQuestion question, double[] probabilities, double threshold, int sources)
    {
        var first = Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(sources).ToList();
        return first.Any(i => ClearsFloor(question.Features[i])) ? first.Where(i => probabilities[i] >= threshold) : [];
    }

    /// <summary>The gate's absolute floor, read from the features: a paper outside the dense ranking has no cosine.</summary>
    private static bool ClearsFloor(float[] row) =>
        RelevanceGate.Default.Clears(row[DenseRank] <= RankingFeatures.RankingDepth ? row[Cosine] : null, () => row[TermsCovered]);
}

/// <summary>One point of the curve; a declined answer counts as a miss for both hit rates.</summary>
public sealed record CitingPoint(double Threshold, double CiteHit, double FirstHit, double CitedPrecision, double Refused, int Unanswerable, int UnanswerableDeclined);
