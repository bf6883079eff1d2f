namespace RagAssistant.Training.Ranking;

/// <summary>
/// K-fold cross-validation by question: every question's candidates are scored by a model trained on the other folds
/// only, so the figures describe questions the model never saw. Folds are a seeded shuffle of the questions.
/// </summary>
public static class RankerCrossValidation
{
    /// <summary>The fold (0 to <paramref name="folds"/> − 1) of each question, by position.</summary>
    public static int[] Folds(int questions, int folds, int seed)
    {
        var order = Enumerable.Range(0, questions).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[questions];
        for (var i = 0; i < order.Length; i++) fold[order[i]] = i % folds;
        return fold;
    }

    /// <summary>Each question's candidate scores from the model of the folds it is not in.</summary>
    public static OutOfFoldScores Run(IReadOnlyList<TrainingQuestion> questions, IReadOnlyList<int> columns, RankerSettings settings, int folds)
    {
        var fold = Folds(questions.Count, folds, settings.Seed);
        var scores = new double[questions.Count][];
        var models = new List<LambdaRankTrainer.Ensemble>();
        for (var k = 0; k < folds; k++)
        {
            var training = questions.Where((_, i) => fold[i] != k).ToList();
            var model = LambdaRankTrainer.Train(training, columns, settings);
            models.Add(model);
            for (var i = 0; i < questions.Count; i++)
            {
                if (fold[i] == k) scores[i] = [.. questions[i].Features.Select(model.Score)];
            }
        }
        return new OutOfFoldScores(fold, scores, models);
    }
}

/// <summary>Scores of every question's candidates by the model that did not see it; the fold of each question; the fold models.</summary>
public sealed record OutOfFoldScores(int[] Fold, double[][] Scores, IReadOnlyList<LambdaRankTrainer.Ensemble> Models);
