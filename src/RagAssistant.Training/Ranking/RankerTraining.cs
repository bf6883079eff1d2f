using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Training.Ranking;

/// <summary>
/// Makes a servable <see cref="RankerModel"/> from judged questions: cross-validates LambdaRank by question, fits the
/// Platt calibration to the out-of-fold scores, chooses the citing threshold on the out-of-fold probabilities and on
/// questions no paper answers, and trains the model it ships on every question.
/// </summary>
public static class RankerTraining
{
    /// <summary>Most papers a direct answer cites (<c>Chat:MaxSources</c>'s default), for the citing curve.</summary>
    public const int AnswerSources = 3;

    /// <summary>Share of judged questions the chosen threshold may leave unanswered.</summary>
    public const double MaxRefused = 0.05;

    public static RankerTrainingResult Train(
        IReadOnlyList<TrainingQuestion> judged, IReadOnlyList<TrainingQuestion> unanswerable, IReadOnlyList<string> features,
        RankerSettings settings, int folds, RankerEmbedding embedding, string command)
    {
        var columns = Columns(features);
        var outOfFold = RankerCrossValidation.Run(judged, columns, settings, folds);
        var reranked = RankingFigures.Of(judged, i => RankingFigures.Reranked(judged[i], outOfFold.Scores[i]));
        var fused = RankingFigures.Of(judged, i => judged[i].PaperIds);
        var calibration = ScoreCalibration.Fit(judged, outOfFold.Scores, settings.Seed);
        var final = LambdaRankTrainer.Train(judged, columns, settings);

        List<(TrainingQuestion, double[])> judgedProbabilities = [.. judged.Select((question, i) => (question, outOfFold.Scores[i].Select(calibration.Probability).ToArray()))];
        List<(TrainingQuestion, double[])> unanswerableProbabilities = [.. unanswerable.Select(question => (question, question.Features.Select(row => calibration.Probability(final.Score(row))).ToArray()))];
        var curve = CitingCurve.Thresholds.Select(threshold => CitingCurve.Measure(threshold, judgedProbabilities, unanswerableProbabilities, AnswerSources)).ToList();
        var threshold = CitingCurve.Choose(curve, MaxRefused);
        var chosen = curve.Single(point => point.Threshold == threshold);

        var model = new RankerModel
        {
            Embedding = embedding,
            Features = features,
            Trees = final.Trees,
            Bias = final.Bias,
            Calibration = calibration,
            CiteThreshold = threshold,
            Provenance = new RankerProvenance(command, settings.Seed, settings.ToString(), new Dictionary<string, double>
            {
                ["questions"] = judged.Count,
                ["folds"] = folds,
                ["cv_ndcg@10"] = Math.Round(reranked.NdcgAt10, 4),
                ["cv_first_relevant"] = Math.Round(reranked.FirstRelevant, 4),
                ["cv_relevant_in_top3"] = Math.Round(reranked.RelevantInTop3, 4),
                ["fused_ndcg@10"] = Math.Round(fused.NdcgAt10, 4),
                ["cv_cite_hit"] = Math.Round(chosen.CiteHit, 4),
                ["cv_top1_hit"] = Math.Round(chosen.FirstHit, 4),
                ["cv_cited_precision"] = Math.Round(chosen.CitedPrecision, 4),
                ["cv_refused"] = Math.Round(chosen.Refused, 4),
                ["unanswerable_declined"] = chosen.UnanswerableDeclined,
                ["unanswerable"] = chosen.Unanswerable,
            }),
        };
        return new RankerTrainingResult(model, reranked, fused, curve, outOfFold);
    }

    /// <summary>The columns of <see cref="RankingFeatures.Names"/> that these features are.</summary>
    public static IReadOnlyList<int> Columns(IReadOnlyList<string> features) =>
        [.. features.Select(name => RankingFeatures.Names.Select((known, column) => (known, column)).FirstOrDefault(entry => entry.known == name) is ({ }, var column)
            ? column
            : throw new ArgumentException($"No ranking feature is called \"{name}\".", nameof(features)))];
}

/// <summary>The model to ship and what cross-validation found: re-ranked and fused figures, the citing curve, the out-of-fold scores.</summary>
public sealed record RankerTrainingResult(
    RankerModel Model, RankingFigures Reranked, RankingFigures Fused, IReadOnlyList<CitingPoint> Curve, OutOfFoldScores OutOfFold);
