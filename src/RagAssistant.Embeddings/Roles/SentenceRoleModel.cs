using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using RagAssistant.Contracts;
using RagAssistant.Core.Papers;

namespace RagAssistant.Embeddings.Roles;

/// <summary>
/// The trained sentence-role classifier: an ML.NET model (word n-grams of a sentence and its neighbours, their vectors,
/// the sentence's place) that gives each sentence a probability per role, and the <see cref="RoleDecoding"/> that reads an
/// abstract's roles as a sequence. Shipped inside this assembly (<c>Roles/sentence-roles.zip</c> and its card
/// <c>Roles/sentence-roles.json</c>), made by <c>rag train-roles</c>. Thread-safe.
/// </summary>
public sealed class SentenceRoleModel
{
    public const string ModelFile = "sentence-roles.zip";
    public const string CardFile = "sentence-roles.json";

    private static readonly string ResourcePrefix = $"{typeof(SentenceRoleModel).Namespace}.";

    private readonly MLContext _ml = new();
    private readonly ITransformer _model;
    private readonly Lock _lock = new();

    public SentenceRoleModel(Stream model, SentenceRoleModelCard card)
    {
        _model = _ml.Model.Load(model, out _);
        Card = card;
    }

    public SentenceRoleModelCard Card { get; }

    /// <summary>The card shipped in this assembly, or null when the assembly carries no model (before the first <c>rag train-roles</c>).</summary>
    public static SentenceRoleModelCard? ShippedCard()
    {
        using var card = Resource(CardFile);
        return card is null ? null : ReadCard(card);
    }

    /// <summary>The model shipped in this assembly, or null when it carries none.</summary>
    public static SentenceRoleModel? Shipped()
    {
        using var model = Resource(ModelFile);
        return model is null || ShippedCard() is not { } card ? null : new SentenceRoleModel(model, card);
    }

    /// <summary>A model and its card from a folder (what <c>rag train-roles</c> wrote).</summary>
    public static SentenceRoleModel Load(string folder)
    {
        using var card = File.OpenRead(Path.Combine(folder, CardFile));
        using var model = File.OpenRead(Path.Combine(folder, ModelFile));
        return new SentenceRoleModel(model, ReadCard(card));
    }

    public static SentenceRoleModelCard ReadCard(Stream json) =>
        JsonSerializer.Deserialize<SentenceRoleModelCard>(json, WireJson.Options) ?? throw new InvalidDataException($"{CardFile} is empty.");

    /// <summary>Each sentence's probability per role, in <see cref="SentenceRole"/> order, for rows of any number of abstracts.</summary>
    public IReadOnlyList<float[]> Probabilities(IReadOnlyList<SentenceRoleFeatures> rows)
    {
        if (rows.Count == 0) return [];
        lock (_lock)
        {
            var data = _ml.Data.LoadFromEnumerable(rows, SentenceRoleFeatures.Schema(Card.Dimensions));
            return [.. _model.Transform(data).GetColumn<float[]>("Score")];
        }
    }

    /// <summary>The roles of each abstract's sentences, decoded as a sequence.</summary>
    public IReadOnlyList<SentenceRole[]> Classify(IReadOnlyList<IReadOnlyList<SentenceRoleFeatures>> abstracts)
    {
        var probabilities = Probabilities([.. abstracts.SelectMany(rows => rows)]);
        var roles = new List<SentenceRole[]>(abstracts.Count);
        var offset = 0;
        foreach (var rows in abstracts)
        {
            roles.Add(Card.Decoding.Decode([.. probabilities.Skip(offset).Take(rows.Count)]));
            offset += rows.Count;
        }
        return roles;
    }

    private static Stream? Resource(string file) =>
        typeof(SentenceRoleModel).Assembly.GetManifestResourceStream(ResourcePrefix + file);
}
