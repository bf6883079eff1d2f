namespace RagAssistant.Core.Retrieval.Ranking;

/// <summary>
/// Serves a <see cref="RankerModel"/>: scores a candidate's <see cref="RankingFeatures"/> by walking the model's trees
/// and turns the score into a probability. The trees are evaluated here rather than by ML.NET, which would bring its
/// runtime and LightGBM's native library into every host for a loop of a few lines (docs/evaluation.md, Serving).
/// </summary>
public sealed class LearnedRanker
{
    /// <summary>The model shipped with the product (<c>models/ranker.json</c>, made by <c>rag train-ranker</c>).</summary>
    public const string ShippedModelResource = "RagAssistant.Core.ranker.json";

    private readonly int[] _columns;

    public LearnedRanker(RankerModel model)
    {
        Model = model;
        var known = RankingFeatures.Names.Select((name, column) => (name, column)).ToDictionary(entry => entry.name, entry => entry.column);
        var unknown = model.Features.Where(name => !known.ContainsKey(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"The ranker model uses features this build does not compute: {string.Join(", ", unknown)}; train it again with `rag train-ranker`.");
        }
        _columns = [.. model.Features.Select(name => known[name])];
    }

    public RankerModel Model { get; }

    /// <summary>The shipped model, or the one at <paramref name="path"/> when given.</summary>
    public static LearnedRanker Load(string? path = null)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"The ranker model {Path.GetFullPath(path)} does not exist (Ranking:ModelPath).", path);
            using var file = File.OpenRead(path);
            return new LearnedRanker(RankerModel.Read(file, path));
        }
        using var shipped = typeof(LearnedRanker).Assembly.GetManifestResourceStream(ShippedModelResource)
            ?? throw new InvalidOperationException($"The build carries no ranker model ({ShippedModelResource}).");
        return new LearnedRanker(RankerModel.Read(shipped, "the shipped ranker model"));
    }

    /// <summary>Whether its features mean what they meant in training: the index was built by the same embedder.</summary>
    public bool AppliesTo(EmbeddingSignature signature) => Model.Embedding.Matches(signature);

    /// <summary>The score of one candidate from its full <see cref="RankingFeatures"/> row.</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        Span<float> used = stackalloc float[_columns.Length];
        for (var i = 0; i < _columns.Length; i++) used[i] = features[_columns[i]];
        var score = Model.Bias;
        foreach (var tree in Model.Trees) score += tree.Evaluate(used);
        return score;
    }

    /// <summary>The calibrated probability that a paper with this score answers the question.</summary>
    public double Probability(double score) => Model.Calibration.Probability(score);

    public override string ToString() =>
        $"learned ranker ({Model.Trees.Count} trees over {Model.Features.Count} features, for {Model.Embedding})";
}
