using RagAssistant.Core.Evaluation;

namespace RagAssistant.Training.Ranking;

/// <summary>
/// nDCG@10 and the share of questions with a relevant paper first and within the first three, over judged questions.
/// The ideal ranking counts every judged paper, also those the first stage never found.
/// </summary>
public sealed record RankingFigures(int Questions, double NdcgAt10, double FirstRelevant, double RelevantInTop3)
{
    public static RankingFigures Of(IReadOnlyList<TrainingQuestion> questions, Func<int, IReadOnlyList<string>> ranking)
    {
        var judged = Enumerable.Range(0, questions.Count).Where(i => questions[i].Relevant is not null).ToList();
        double ndcg = 0, first = 0, top3 = 0;
        foreach (var i in judged)
        {
            var ranked = ranking(i);
            var relevant = questions[i].Relevant!;
            ndcg += RetrievalMetrics.Ndcg(ranked, relevant, 10);
            if (ranked.Count > 0 && relevant.ContainsKey(ranked[0])) first++;
            if (ranked.Take(3).Any(relevant.ContainsKey)) top3++;
        }
        var n = Math.Max(1, judged.Count);
        return new RankingFigures(judged.Count, ndcg / n, first / n, top3 / n);
    }

    /// <summary>The candidates by descending score, ties in fused order: the order serving gives them.</summary>
    public static IReadOnlyList<string> Reranked(TrainingQuestion question, IReadOnlyList<double> scores) =>
        [.. Enumerable.Range(0, question.PaperIds.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Select(i => question.PaperIds[i])];
}
