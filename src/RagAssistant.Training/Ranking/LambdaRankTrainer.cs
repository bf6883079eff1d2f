using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Training.Ranking;

/// <summary>
/// LightGBM's LambdaRank through ML.NET, with fixed settings and one thread, so the same questions and seed give the
/// same trees. The trees are taken out of ML.NET's model as the arrays <see cref="RankerTree"/> serves.
/// </summary>
public static class LambdaRankTrainer
{
    /// <summary>The trees and bias of a trained ensemble, over the features at <paramref name="Columns"/> of a full row.</summary>
    public sealed record Ensemble(IReadOnlyList<int> Columns, IReadOnlyList<RankerTree> Trees, double Bias)
    {
        public double Score(float[] row)
        {
            var used = Columns.Select(column => row[column]).ToArray();
            return Bias + Trees.Sum(tree => tree.Evaluate(used));
        }
    }

    public static Ensemble Train(IReadOnlyList<TrainingQuestion> questions, IReadOnlyList<int> columns, RankerSettings settings)
    {
        var ml = new MLContext(settings.Seed);
        var data = ml.Data.LoadFromEnumerable(Rows(questions, columns), Schema(columns.Count));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Group))
            .Append(ml.Ranking.Trainers.LightGbm(Options(settings)));
        var model = pipeline.Fit(data).LastTransformer.Model;
        var ensemble = model.TrainedTreeEnsemble;
        var trees = ensemble.Trees.Select((tree, i) =>
        {
            if (tree.CategoricalSplitFlags.Any(flag => flag)) throw new InvalidOperationException("LightGBM made a categorical split; the features are all numeric.");
            return new RankerTree(
                [.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds], [.. tree.LeftChild], [.. tree.RightChild],
                [.. tree.LeafValues], ensemble.TreeWeights[i]);
        }).ToList();
        return new Ensemble(columns, trees, ensemble.Bias);
    }

    /// <summary>ML.NET's own scores for the rows, to check that the exported trees score exactly as it does.</summary>
    public static IReadOnlyList<float> ScoreWithMlNet(IReadOnlyList<TrainingQuestion> training, IReadOnlyList<TrainingQuestion> scored, IReadOnlyList<int> columns, RankerSettings settings)
    {
        var ml = new MLContext(settings.Seed);
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Group))
            .Append(ml.Ranking.Trainers.LightGbm(Options(settings)));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(Rows(training, columns), Schema(columns.Count)));
        var output = model.Transform(ml.Data.LoadFromEnumerable(Rows(scored, columns), Schema(columns.Count)));
        return [.. output.GetColumn<float>("Score")];
    }

    private static LightGbmRankingTrainer.Options Options(RankerSettings settings) => new()
    {
        LabelColumnName = nameof(Row.Label),
        FeatureColumnName = nameof(Row.Features),
        RowGroupColumnName = nameof(Row.Group),
        NumberOfLeaves = settings.Leaves,
        NumberOfIterations = settings.Iterations,
        LearningRate = settings.LearningRate,
        MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
        Seed = settings.Seed,
        // One thread: LightGBM's histograms sum in thread order, so more threads could change the trees run to run.
        NumberOfThreads = 1,
        Silent = true,
        Verbose = false,
    };

    private static IEnumerable<Row> Rows(IReadOnlyList<TrainingQuestion> questions, IReadOnlyList<int> columns) =>
        questions.SelectMany((question, group) => question.Features.Select((row, candidate) => new Row
        {
            Label = question.Label(candidate),
            Group = (uint)group,
            Features = [.. columns.Select(column => row[column])],
        }));

    private static SchemaDefinition Schema(int features)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    private sealed class Row
    {
        public float Label { get; set; }
        public uint Group { get; set; }
        public float[] Features { get; set; } = [];
    }
}

/// <summary>
/// The trainer's settings and the seed. A small grid around them (leaves, trees, learning rate, examples per leaf; on the
/// same cross-validation folds, docs/evaluation.md) found nothing better by more than the spread between folds' seeds.
/// </summary>
public sealed record RankerSettings(int Leaves = 15, int Iterations = 300, double LearningRate = 0.05, int MinExamplesPerLeaf = 20, int Seed = 1)
{
    public override string ToString() =>
        $"LightGBM LambdaRank (ML.NET): {Leaves} leaves, {Iterations} iterations, learning rate {LearningRate}, at least {MinExamplesPerLeaf} examples per leaf, seed {Seed}, one thread";
}
