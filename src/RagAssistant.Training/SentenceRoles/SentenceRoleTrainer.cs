using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using RagAssistant.Contracts;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Papers;
using RagAssistant.Embeddings.Roles;

namespace RagAssistant.Training.SentenceRoles;

/// <summary>
/// Trains the sentence-role classifier on CSAbstruct. Every abstract is encoded as the index encodes a paper — cut into the
/// same windows (<see cref="AbstractChunker"/>, no title) and through the same <see cref="IChunkEncoder"/> — so the
/// classifier learns from the very vectors it will read at indexing. A multinomial logistic regression (ML.NET's
/// L-BFGS maximum entropy, one thread, so a seed gives the same model) reads each sentence's word uni- and bigrams, its
/// neighbours' words, its and its neighbours' vectors and its place (<see cref="SentenceRoleFeatures"/>). It is fitted on
/// the train split, its sequence decoding (<see cref="RoleDecoding"/>) is chosen on the dev split, then it is fitted again
/// on train and dev together, written out, loaded back as indexing loads it, and measured on the test split.
/// </summary>
public sealed class SentenceRoleTrainer(IChunkEncoder encoder, AbstractChunker chunker, string embeddingModel, int dimensions)
{
    /// <summary>L2 penalty, chosen on the dev split among 1, 0.1 (both SDCA and L-BFGS tried; L-BFGS at 0.1 was best).</summary>
    public const float L2Regularization = 0.1f;

    private static readonly double[] DecodingWeights = [0, 0.25, 0.5, 0.75, 1];

    private const int ChunksPerCall = 64;

    public async Task<SentenceRoleModelCard> TrainAsync(string dataFolder, string outFolder, int seed, string command, Action<string> log, CancellationToken cancellationToken)
    {
        var ml = new MLContext(seed);
        var splits = new Dictionary<string, List<Encoded>>();
        foreach (var split in new[] { "train", "dev", "test" })
        {
            var started = DateTime.UtcNow;
            splits[split] = await EncodeAsync(CsAbstruct.Load(dataFolder, split), cancellationToken);
            log($"{split}: {splits[split].Count} abstracts, {splits[split].Sum(item => item.Roles.Count)} sentences encoded in {(DateTime.UtcNow - started).TotalSeconds:0} s");
        }

        var firstFit = Fit(ml, splits["train"]);
        var (transitions, prior) = RoleDecoding.Estimate(splits["train"].Select(item => item.Roles));
        var devProbabilities = Probabilities(ml, firstFit, splits["dev"]);
        var (decoding, dev) = DecodingWeights
            .SelectMany(transition => DecodingWeights.Select(priorWeight => new RoleDecoding(transitions, prior, transition, priorWeight)))
            .Select(candidate => (candidate, scores: Score(candidate, devProbabilities, splits["dev"])))
            .MaxBy(entry => entry.scores.Balanced);
        log($"dev: accuracy {dev.Accuracy:0.000}, macro-F1 {dev.MacroF1:0.000} with transition weight {decoding.TransitionWeight}, prior weight {decoding.PriorWeight}");

        var final = new List<Encoded>([.. splits["train"], .. splits["dev"]]);
        var model = Fit(ml, final);
        (transitions, prior) = RoleDecoding.Estimate(final.Select(item => item.Roles));
        decoding = decoding with { Transitions = transitions, Prior = prior };

        Directory.CreateDirectory(outFolder);
        var modelPath = Path.Combine(outFolder, SentenceRoleModel.ModelFile);
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Rows(final), SentenceRoleFeatures.Schema(dimensions)).Schema, modelPath);
        var card = new SentenceRoleModelCard(embeddingModel, dimensions, decoding, seed, command, "CSAbstruct train + dev", final.Sum(item => item.Roles.Count),
            Math.Round(dev.Accuracy, 4), 0, 0, new Dictionary<string, double>(), 0);

        // Measured as indexing classifies: the written model, loaded back.
        using (var written = File.OpenRead(modelPath))
        {
            var scores = Measure(new SentenceRoleModel(written, card), splits["test"]);
            card = card with
            {
                TestAccuracy = Math.Round(scores.Accuracy, 4),
                TestMacroF1 = Math.Round(scores.MacroF1, 4),
                TestF1ByRole = scores.F1ByRole.ToDictionary(pair => pair.Key, pair => Math.Round(pair.Value, 4)),
                TestSentences = scores.Sentences,
            };
        }
        await File.WriteAllTextAsync(Path.Combine(outFolder, SentenceRoleModel.CardFile),
            JsonSerializer.Serialize(card, new JsonSerializerOptions(WireJson.Options) { WriteIndented = true }) + "\n", cancellationToken);
        return card;
    }

    /// <summary>How a model's decoded roles compare with the gold roles of encoded abstracts.</summary>
    public static RoleScores Measure(SentenceRoleModel model, IReadOnlyList<Encoded> abstracts)
    {
        var predicted = model.Classify([.. abstracts.Select(item => item.Features)]);
        return RoleScores.Of([.. abstracts.SelectMany(item => item.Roles)], [.. predicted.SelectMany(roles => roles)]);
    }

    /// <summary>One abstract as the classifier reads it, with its gold roles.</summary>
    public sealed record Encoded(IReadOnlyList<SentenceRoleFeatures> Features, IReadOnlyList<SentenceRole> Roles);

    /// <summary>
    /// Labelled abstracts encoded as the index encodes a paper: the same windows, no title, the same chunk encoder. An
    /// abstract with a sentence longer than a window (which the index would cut into pieces) is left out.
    /// </summary>
    public async Task<List<Encoded>> EncodeAsync(IReadOnlyList<CsAbstruct.LabelledAbstract> abstracts, CancellationToken cancellationToken)
    {
        var windows = abstracts
            .Select((item, i) => (item, chunks: chunker.Chunk($"csabstruct-{i}", "", item.Sentences)))
            .Where(entry => entry.chunks.Sum(chunk => chunk.Sentences.Count) == entry.item.Sentences.Count)
            .ToList();
        var encoded = new List<EncodedChunk>();
        foreach (var batch in windows.SelectMany(entry => entry.chunks).Chunk(ChunksPerCall))
        {
            encoded.AddRange(await encoder.EncodeAsync(batch, cancellationToken));
        }
        var result = new List<Encoded>(windows.Count);
        var offset = 0;
        foreach (var (item, chunks) in windows)
        {
            var vectors = encoded.Skip(offset).Take(chunks.Count).SelectMany(chunk => chunk.SentenceVectors).ToList();
            offset += chunks.Count;
            var rows = SentenceRoleFeatures.For(item.Sentences, vectors, dimensions);
            for (var s = 0; s < rows.Count; s++) rows[s].Label = item.Roles[s].ToString().ToLowerInvariant();
            result.Add(new Encoded(rows, item.Roles));
        }
        return result;
    }

    private ITransformer Fit(MLContext ml, IReadOnlyList<Encoded> abstracts)
    {
        var labels = ml.Data.LoadFromEnumerable(Enum.GetNames<SentenceRole>().Select(name => new LabelName { Label = name.ToLowerInvariant() }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(SentenceRoleFeatures.Label), keyData: labels)
            .Append(ml.Transforms.Text.FeaturizeText("TextWords", Words(bigrams: true), nameof(SentenceRoleFeatures.Text)))
            .Append(ml.Transforms.Text.FeaturizeText("PreviousWords", Words(bigrams: false), nameof(SentenceRoleFeatures.PreviousText)))
            .Append(ml.Transforms.Text.FeaturizeText("NextWords", Words(bigrams: false), nameof(SentenceRoleFeatures.NextText)))
            .Append(ml.Transforms.Concatenate("Features",
                nameof(SentenceRoleFeatures.Vector), nameof(SentenceRoleFeatures.PreviousVector), nameof(SentenceRoleFeatures.NextVector),
                nameof(SentenceRoleFeatures.Position), "TextWords", "PreviousWords", "NextWords"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey",
                FeatureColumnName = "Features",
                L2Regularization = L2Regularization,
                NumberOfThreads = 1,
            }));
        return pipeline.Fit(ml.Data.LoadFromEnumerable(Rows(abstracts), SentenceRoleFeatures.Schema(dimensions)));
    }

    private static TextFeaturizingEstimator.Options Words(bool bigrams) => new()
    {
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = bigrams ? 2 : 1, UseAllLengths = true },
        CharFeatureExtractor = null,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private List<float[]> Probabilities(MLContext ml, ITransformer model, IReadOnlyList<Encoded> abstracts) =>
        [.. model.Transform(ml.Data.LoadFromEnumerable(Rows(abstracts), SentenceRoleFeatures.Schema(dimensions))).GetColumn<float[]>("Score")];

    private static RoleScores Score(RoleDecoding decoding, List<float[]> probabilities, IReadOnlyList<Encoded> abstracts)
    {
        var predicted = new List<SentenceRole>();
        var offset = 0;
        foreach (var item in abstracts)
        {
            predicted.AddRange(decoding.Decode(probabilities.GetRange(offset, item.Roles.Count)));
            offset += item.Roles.Count;
        }
        return RoleScores.Of([.. abstracts.SelectMany(item => item.Roles)], predicted);
    }

    private static IEnumerable<SentenceRoleFeatures> Rows(IReadOnlyList<Encoded> abstracts) => abstracts.SelectMany(item => item.Features);

    /// <summary>A row of the label list, which fixes the roles' order in the model's scores (<see cref="SentenceRole"/> order).</summary>
    public sealed class LabelName
    {
        public string Label { get; set; } = "";
    }
}
