using System.Text.Json;
using System.Text.Json.Serialization;
using RagAssistant.Contracts;

namespace RagAssistant.Core.Retrieval.Ranking;

/// <summary>
/// A trained ranker as it ships: boosted regression trees over named <see cref="RankingFeatures"/>, the Platt scaling
/// that turns a score into the probability that the paper answers the question, the probability from which an answer
/// cites a paper, the embedding model whose index it was trained on, and how it was made (command, seed, the figures
/// it reached). Written by <c>rag train-ranker</c>; read by <see cref="LearnedRanker"/>, which needs nothing else.
/// </summary>
public sealed record RankerModel
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>The embedder of the index it was trained on; its features mean nothing for another model's cosines.</summary>
    public required RankerEmbedding Embedding { get; init; }

    /// <summary>The <see cref="RankingFeatures"/> names the trees' feature indexes refer to, in that order.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    public required IReadOnlyList<RankerTree> Trees { get; init; }

    /// <summary>Added to the trees' sum.</summary>
    public double Bias { get; init; }

    public required PlattScaling Calibration { get; init; }

    /// <summary>An answer cites a paper whose probability is at least this (<see cref="PaperRetriever"/> decides).</summary>
    public double CiteThreshold { get; init; }

    public required RankerProvenance Provenance { get; init; }

    public static RankerModel Read(Stream stream, string source)
    {
        RankerModel? model;
        try
        {
            model = JsonSerializer.Deserialize<RankerModel>(stream, Json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source}: not a ranker model ({exception.Message}).", exception);
        }
        if (model is null) throw new InvalidDataException($"{source}: empty ranker model.");
        if (model.Format != CurrentFormat) throw new InvalidDataException($"{source}: ranker model format {model.Format}; this build reads format {CurrentFormat}.");
        foreach (var (tree, i) in model.Trees.Select((tree, i) => (tree, i)))
        {
            if (tree.Problem(model.Features.Count) is { } problem) throw new InvalidDataException($"{source}: tree {i}: {problem}.");
        }
        return model;
    }

    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json);

    // The wire's snake_case names (the file reads like the project's other JSON), without the fields that are not set.
    private static readonly JsonSerializerOptions Json = new(WireJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Which embedder built the index the ranker was trained on (<see cref="EmbeddingSignature"/>).</summary>
public sealed record RankerEmbedding(string Provider, string Model, int Dimension)
{
    public bool Matches(EmbeddingSignature signature) =>
        signature.Provider == Provider && signature.Model == Model && signature.Dimension == Dimension;

    public override string ToString() => $"{Provider}/{Model} ({Dimension} dimensions)";
}

/// <summary>
/// One regression tree in the arrays ML.NET exposes: node i sends a row left when feature <c>Feature[i]</c> is at most
/// <c>Threshold[i]</c>, else right; a negative child c is the leaf ~c. A tree with no node is a single leaf.
/// </summary>
public sealed record RankerTree(int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] Leaf, double Weight = 1)
{
    public double Evaluate(ReadOnlySpan<float> features)
    {
        if (Feature.Length == 0) return Weight * Leaf[0];
        var node = 0;
        while (node >= 0) node = features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        return Weight * Leaf[~node];
    }

    /// <summary>Why the arrays do not make a tree over <paramref name="featureCount"/> features, or null.</summary>
    internal string? Problem(int featureCount)
    {
        var nodes = Feature.Length;
        if (Threshold.Length != nodes || Left.Length != nodes || Right.Length != nodes) return "its node arrays differ in length";
        if (Leaf.Length != nodes + 1) return $"{nodes} nodes need {nodes + 1} leaves, not {Leaf.Length}";
        if (Feature.Any(feature => feature < 0 || feature >= featureCount)) return "a node names a feature the model does not list";
        // Children point forward or to a leaf, so evaluation always ends.
        for (var i = 0; i < nodes; i++)
        {
            foreach (var child in new[] { Left[i], Right[i] })
            {
                if (child >= 0 ? child <= i || child >= nodes : ~child >= Leaf.Length) return $"node {i} has a child out of place";
            }
        }
        return null;
    }
}

/// <summary>Platt scaling, as ML.NET's PlattCalibrator defines it: p = 1 / (1 + exp(Slope · score + Offset)).</summary>
public sealed record PlattScaling(double Slope, double Offset)
{
    public double Probability(double score) => 1 / (1 + Math.Exp(Slope * score + Offset));
}

/// <summary>How the model was made and what it reached, kept with it so that it can be made again and checked.</summary>
public sealed record RankerProvenance(
    string Command,
    int Seed,
    string Trainer,
    IReadOnlyDictionary<string, double> Figures,
    string? Note = null);
