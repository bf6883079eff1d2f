using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag eval --tune</c>: fetches each query's raw rankings once, then prints one JSON line per fusion setting
/// (nDCG@10 on the even and odd query halves), the setting that is best on the even half with its odd-half score,
/// and one line per relevance-gate setting (the calibration curve, with the configured fusion).
/// </summary>
internal static class TuningReport
{
    /// <summary>How many papers an answer's sources are drawn from (<c>Chat:MaxSources</c>'s default).</summary>
    public static int AnswerSources { get; } = new AssistantOptions().MaxSources;

    public static async Task WriteAsync(PaperRetriever retriever, IReadOnlyList<BeirQuery> queries, CancellationToken cancellationToken)
    {
        var judged = new List<(BeirQuery Query, PaperRankings Rankings)>(queries.Count);
        foreach (var query in queries)
        {
            judged.Add((query, (await retriever.RankAsync(query.Text, PaperRetriever.MinCandidates, cancellationToken: cancellationToken)).Rankings));
        }

        var scores = FusionTuning.Score(judged, FusionTuning.Candidates);
        foreach (var score in scores)
        {
            CliOutput.WriteJson(new { fusion = score.Settings.ToString(), ndcg_even = R(score.NdcgEven), ndcg_odd = R(score.NdcgOdd), ndcg_all = R(score.NdcgAll) });
        }
        var sparse = FusionTuning.Score(judged, [new FusionSettings(FusionMethod.Weighted, 0)])[0];
        var bestOnEven = scores.MaxBy(score => score.NdcgEven)!;
        var bestOnOdd = scores.MaxBy(score => score.NdcgOdd)!;
        var configured = FusionTuning.Score(judged, [retriever.Fusion])[0];
        CliOutput.WriteJson(new
        {
            chosen_on_even = bestOnEven.Settings.ToString(), its_ndcg_odd = R(bestOnEven.NdcgOdd),
            chosen_on_odd = bestOnOdd.Settings.ToString(), its_ndcg_even = R(bestOnOdd.NdcgEven),
            configured = configured.Settings.ToString(), configured_ndcg_all = R(configured.NdcgAll), sparse_ndcg_all = R(sparse.NdcgAll),
        });

        var questions = new List<GateQuestion>(queries.Count);
        foreach (var query in queries)
        {
            questions.Add(await GateCalibration.ObserveAsync(retriever, query.Text, AnswerSources, query.Relevant, cancellationToken));
        }
        foreach (var gate in GateCalibration.Candidates(retriever.Gate))
        {
            var point = GateCalibration.Measure(gate, questions);
            CliOutput.WriteJson(new
            {
                min_cosine = gate.MinCosine, min_share_of_first = gate.MinShareOfFirst,
                source_hit = R(point.SourceHit), first_hit = R(point.FirstHit), source_precision = R(point.SourcePrecision), refused = R(point.Refused),
            });
        }
    }

    private static double R(double value) => Math.Round(value, 4);
}
