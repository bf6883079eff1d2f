using Microsoft.ML.Data;
using RagAssistant.Core.Papers;

namespace RagAssistant.Embeddings.Roles;

/// <summary>
/// What the sentence-role classifier reads of one sentence: its text and its neighbours' (for their words), its vector and
/// its neighbours' vectors (as the index keeps them), and where it stands in the abstract. The one construction of these
/// rows (<see cref="For"/>) serves training and indexing alike, so the model always sees the features it was trained on.
/// A public class with settable properties, as ML.NET reads rows by reflection.
/// </summary>
public sealed class SentenceRoleFeatures
{
    /// <summary>Position features: relative place, first, last, place (capped at 10) and sentence count (capped at 15), each 0–1.</summary>
    public const int PositionFeatures = 5;

    public string Text { get; set; } = "";

    public string PreviousText { get; set; } = "";

    public string NextText { get; set; } = "";

    public float[] Vector { get; set; } = [];

    public float[] PreviousVector { get; set; } = [];

    public float[] NextVector { get; set; } = [];

    [VectorType(PositionFeatures)]
    public float[] Position { get; set; } = [];

    /// <summary>The role's CSAbstruct name when training; empty when classifying.</summary>
    public string Label { get; set; } = "";

    /// <summary>One row per sentence of an abstract; a neighbour outside the abstract is empty text and a zero vector.</summary>
    public static IReadOnlyList<SentenceRoleFeatures> For(IReadOnlyList<string> sentences, IReadOnlyList<ReadOnlyMemory<float>> vectors, int dimensions)
    {
        if (sentences.Count != vectors.Count) throw new ArgumentException($"{sentences.Count} sentences but {vectors.Count} vectors.", nameof(vectors));
        var zero = new float[dimensions];
        float[] VectorAt(int i) => i < 0 || i >= vectors.Count || vectors[i].Length != dimensions ? zero : vectors[i].ToArray();
        var n = sentences.Count;
        return [.. Enumerable.Range(0, n).Select(i => new SentenceRoleFeatures
        {
            Text = sentences[i],
            PreviousText = i > 0 ? sentences[i - 1] : "",
            NextText = i < n - 1 ? sentences[i + 1] : "",
            Vector = VectorAt(i),
            PreviousVector = VectorAt(i - 1),
            NextVector = VectorAt(i + 1),
            Position =
            [
                n == 1 ? 0 : (float)i / (n - 1),
                i == 0 ? 1 : 0,
                i == n - 1 ? 1 : 0,
                Math.Min(i, 10) / 10f,
                Math.Min(n, 15) / 15f,
            ],
        })];
    }

    /// <summary>The rows of a paper as the index keeps it.</summary>
    public static IReadOnlyList<SentenceRoleFeatures> For(PaperSentences paper, int dimensions) =>
        For([.. paper.Sentences.Select(sentence => sentence.Text)], [.. paper.Sentences.Select(sentence => sentence.Vector)], dimensions);

    /// <summary>The row schema with the vectors' size, which is the embedding model's and so not known to the attributes.</summary>
    public static SchemaDefinition Schema(int dimensions)
    {
        var schema = SchemaDefinition.Create(typeof(SentenceRoleFeatures));
        foreach (var column in new[] { nameof(Vector), nameof(PreviousVector), nameof(NextVector) })
        {
            schema[column].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        }
        return schema;
    }
}
