using RagAssistant.Core.Retrieval.Ranking;
using RagAssistant.Training.Ranking;

namespace RagAssistant.Training.Tests.Ranking;

/// <summary>
/// The trainer's output is what serving evaluates: trees taken out of ML.NET score every row as ML.NET itself does, the
/// Platt scaling gives ML.NET's probabilities, and the same questions and seed give the same model file.
/// </summary>
public sealed class LambdaRankTrainerTests
{
    private static readonly RankerSettings Quick = new(Leaves: 7, Iterations: 40, MinExamplesPerLeaf: 5);

    [Fact]
    public void Exported_trees_score_every_row_as_ML_NET_does()
    {
        var questions = SyntheticQuestions.Make(80, seed: 11);
        var (training, scored) = (questions.Take(60).ToList(), questions.Skip(60).ToList());
        var columns = RankerTraining.Columns(RankingFeatures.Names);

        var exported = LambdaRankTrainer.Train(training, columns, Quick);
        var expected = LambdaRankTrainer.ScoreWithMlNet(training, scored, columns, Quick);

        var actual = scored.SelectMany(question => question.Features.Select(exported.Score)).ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(exported.Trees.Count > 1, "the ensemble should have grown trees");
        for (var i = 0; i < actual.Count; i++) Assert.Equal(expected[i], actual[i], tolerance: 1e-4 * Math.Max(1, Math.Abs(expected[i])));
    }

    [Fact]
    public void Platt_scaling_gives_the_probabilities_of_ML_NETs_calibrator()
    {
        var random = new Random(5);
        var scored = Enumerable.Range(0, 400).Select(_ =>
        {
            var relevant = random.NextDouble() < 0.3;
            return (relevant, (float)(random.NextDouble() * 4 - 2 + (relevant ? 1.5 : 0)));
        }).ToList();

        var calibrator = ScoreCalibration.FitWithMlNet(scored, seed: 1);
        var scaling = new PlattScaling(calibrator.Slope, calibrator.Offset);

        foreach (var score in new[] { -3f, -1f, 0f, 0.5f, 2f, 4f })
        {
            Assert.Equal(calibrator.PredictProbability(score), scaling.Probability(score), tolerance: 1e-6);
        }
        Assert.True(scaling.Probability(3) > scaling.Probability(-3), "a higher score must mean a higher probability");
    }

    [Fact]
    public void The_same_questions_and_seed_give_the_same_model_file()
    {
        var questions = SyntheticQuestions.Make(60, seed: 3);
        var embedding = new RankerEmbedding("local", "test-model", 4);

        var first = Serialized(RankerTraining.Train(questions, [], RankingFeatures.Names, Quick, 3, embedding, "test").Model);
        var second = Serialized(RankerTraining.Train(questions, [], RankingFeatures.Names, Quick, 3, embedding, "test").Model);
        var otherSeed = Serialized(RankerTraining.Train(questions, [], RankingFeatures.Names, Quick with { Seed = 2 }, 3, embedding, "test").Model);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    private static string Serialized(RankerModel model)
    {
        using var stream = new MemoryStream();
        model.Write(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
