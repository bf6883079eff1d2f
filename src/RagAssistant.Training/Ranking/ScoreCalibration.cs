using Microsoft.ML;
using Microsoft.ML.Calibrators;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Training.Ranking;

/// <summary>
/// Fits ML.NET's Platt calibrator to out-of-fold scores: every candidate of every judged question, labelled relevant or
/// not, scored by a model that never saw the question — so the probability describes unseen questions.
/// </summary>
public static class ScoreCalibration
{
    public static PlattScaling Fit(IReadOnlyList<TrainingQuestion> questions, IReadOnlyList<double[]> scores, int seed)
    {
        var ml = new MLContext(seed);
        var rows = questions.SelectMany((question, i) => question.Relevant is null
            ? []
            : question.PaperIds.Select((_, candidate) => new Scored { Label = question.Label(candidate) > 0, Score = (float)scores[i][candidate] }));
        var calibrator = Fitted(ml, rows);
        return new PlattScaling(calibrator.Slope, calibrator.Offset);
    }

    /// <summary>ML.NET's own calibrator for these scores, to check that <see cref="PlattScaling"/> computes what it does.</summary>
    public static PlattCalibrator FitWithMlNet(IEnumerable<(bool Relevant, float Score)> scored, int seed) =>
        Fitted(new MLContext(seed), scored.Select(entry => new Scored { Label = entry.Relevant, Score = entry.Score }));

    private static PlattCalibrator Fitted(MLContext ml, IEnumerable<Scored> rows)
    {
        var transformer = ml.BinaryClassification.Calibrators.Platt(nameof(Scored.Label), nameof(Scored.Score)).Fit(ml.Data.LoadFromEnumerable(rows));
        return ((IPredictionTransformer<PlattCalibrator>)transformer).Model;
    }

    private sealed class Scored
    {
        public bool Label { get; set; }
        public float Score { get; set; }
    }
}
