using RagAssistant.Core.Retrieval.Ranking;
using RagAssistant.Training.Ranking;

namespace RagAssistant.Training.Tests.Ranking;

/// <summary>
/// Cross-validation and the citing threshold: folds split the questions evenly and the same way for a seed; a ranker
/// scored on questions it never saw lifts the telling paper above the first stage's order; and the threshold declines
/// every question no paper answers.
/// </summary>
public sealed class RankerTrainingTests
{
    private static readonly RankerSettings Quick = new(Leaves: 7, Iterations: 60, MinExamplesPerLeaf: 5);

    [Fact]
    public void Folds_cover_every_question_once_in_even_parts_and_depend_only_on_the_seed()
    {
        var folds = RankerCrossValidation.Folds(103, 5, seed: 1);

        Assert.Equal(103, folds.Length);
        Assert.All(folds.GroupBy(fold => fold), group => Assert.InRange(group.Count(), 20, 21));
        Assert.Equal(folds, RankerCrossValidation.Folds(103, 5, seed: 1));
        Assert.NotEqual(folds, RankerCrossValidation.Folds(103, 5, seed: 2));
    }

    [Fact]
    public void On_questions_it_never_saw_the_ranker_puts_the_relevant_paper_above_the_fused_order()
    {
        var questions = SyntheticQuestions.Make(150, seed: 7);

        var result = RankerTraining.Train(questions, [], RankingFeatures.Names, Quick, 5, new RankerEmbedding("local", "test-model", 4), "test");

        Assert.True(result.Reranked.FirstRelevant > result.Fused.FirstRelevant + 0.3,
            $"first relevant: re-ranked {result.Reranked.FirstRelevant:F3}, fused {result.Fused.FirstRelevant:F3}");
        Assert.True(result.Reranked.NdcgAt10 > result.Fused.NdcgAt10);
    }

    [Fact]
    public void The_citing_threshold_declines_every_question_no_paper_answers()
    {
        var questions = SyntheticQuestions.Make(150, seed: 9);
        // Unanswerable questions whose best candidate looks as telling as a real answer: only a high threshold declines them.
        var unanswerable = SyntheticQuestions.Make(10, seed: 10).Select(question => question with { Relevant = null }).ToList();

        var result = RankerTraining.Train(questions, unanswerable, RankingFeatures.Names, Quick, 5, new RankerEmbedding("local", "test-model", 4), "test");

        var chosen = result.Curve.Single(point => point.Threshold == result.Model.CiteThreshold);
        Assert.Equal(unanswerable.Count, chosen.UnanswerableDeclined);
        var ranker = new LearnedRanker(result.Model);
        Assert.All(unanswerable, question => Assert.All(question.Features,
            row => Assert.True(ranker.Probability(ranker.Score(row)) < result.Model.CiteThreshold)));
    }
}
