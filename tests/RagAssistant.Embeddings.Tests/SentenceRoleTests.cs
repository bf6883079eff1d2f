using Microsoft.Extensions.AI;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Papers;
using RagAssistant.Embeddings.Local;
using RagAssistant.Embeddings.Roles;
using RagAssistant.Training.SentenceRoles;
using Xunit.Abstractions;

namespace RagAssistant.Embeddings.Tests;

/// <summary>The shipped sentence-role classifier, run as indexing runs it: on the local model's late-chunking vectors.</summary>
[Collection(ModelCollection.Name)]
public sealed class SentenceRoleTests(ModelFixture models, ITestOutputHelper output)
{
    private static SentenceRoleModel Shipped => SentenceRoleModel.Shipped()
        ?? throw new InvalidOperationException("The Embeddings assembly carries no sentence-role model; run rag train-roles.");

    [Fact]
    public async Task The_shipped_classifier_reaches_three_in_four_on_CSAbstructs_test_split_as_its_card_says()
    {
        var model = Shipped;
        var test = await Trainer(model).EncodeAsync(CsAbstruct.Load(Path.Combine(TestRepository.Root, "eval", "csabstruct"), "test"), CancellationToken.None);

        var scores = SentenceRoleTrainer.Measure(model, test);

        output.WriteLine($"test accuracy {scores.Accuracy:0.000}, macro-F1 {scores.MacroF1:0.000} over {scores.Sentences} sentences (card: {model.Card.TestAccuracy:0.000}, {model.Card.TestMacroF1:0.000})");
        Assert.True(scores.Accuracy >= 0.75, $"test accuracy {scores.Accuracy:0.000}");
        // Served features are the trained ones: the figure on the card is reproduced.
        Assert.Equal(model.Card.TestAccuracy, scores.Accuracy, 3);
        Assert.Equal(model.Card.TestMacroF1, scores.MacroF1, 3);
    }

    private static readonly string[] Co2Abstract =
    [
        "Accurately describing the distribution of CO_2 in the atmosphere with atmospheric tracer transport models is essential for greenhouse gas monitoring and verification support systems to aid implementation of international climate agreements.",
        "Large deep neural networks are poised to revolutionize weather prediction, which requires 3D modeling of the atmosphere.",
        "In this study we explore four different deep neural networks (UNet, GraphCast, Spherical Fourier Neural Operator and SwinTransformer) which have proven as state-of-the-art in weather prediction to assess their usefulness for atmospheric tracer transport modeling.",
        "More specifically, we center CO_2 input fields to zero mean and then use an explicit flux scheme and a mass fixer to assure mass balance.",
        "In our study, the SwinTransformer displays particularly strong emulation skill (90-day R^2 > 0.99), with physically plausible emulation even for forward runs of multiple years.",
    ];

    [Fact]
    public async Task A_familiar_abstract_reads_background_then_method_then_result()
    {
        var paper = await EncodedAsync(Co2Abstract);

        var roles = new SentenceRoleClassifier(() => Shipped).Classify([paper])[0].Sentences.Select(sentence => sentence.Role).ToList();

        output.WriteLine(string.Join(", ", roles));
        Assert.Equal(SentenceRole.Background, roles[0]);
        Assert.Equal(SentenceRole.Background, roles[1]);
        Assert.Equal(SentenceRole.Method, roles[3]);
        Assert.Equal(SentenceRole.Result, roles[4]);
    }

    [Fact]
    public async Task A_PDFs_body_keeps_its_roles_unset_and_leaves_the_abstracts_roles_as_they_are()
    {
        string[] body =
        [
            "We train each network on ten years of CarbonTracker fields at a horizontal resolution of two degrees.",
            "The mass fixer rescales every output field so that the global CO_2 mass matches the input.",
            "Table 2 lists the skill of each network after ninety days of forward runs.",
        ];
        var abstractOnly = await EncodedAsync(Co2Abstract);
        var withBody = await EncodedAsync([.. Co2Abstract, .. body]);
        withBody = withBody with
        {
            Sentences = [.. withBody.Sentences.Select(sentence => sentence.Ordinal < Co2Abstract.Length ? sentence : sentence with { Section = "3 Methods", Page = 4 })],
        };

        var classifier = new SentenceRoleClassifier(() => Shipped);
        var alone = classifier.Classify([abstractOnly])[0].Sentences.Select(sentence => sentence.Role).ToList();
        var classified = classifier.Classify([withBody])[0].Sentences;

        Assert.All(classified.Where(sentence => sentence.IsBody), sentence => Assert.Null(sentence.Role));
        Assert.Equal(alone, classified.Where(sentence => !sentence.IsBody).Select(sentence => sentence.Role));
    }

    /// <summary>The sentences as indexing keeps them: one paper, encoded by the local model's late chunking.</summary>
    private async Task<PaperSentences> EncodedAsync(IReadOnlyList<string> sentences)
    {
        var chunks = new AbstractChunker(new WordPieceTokenCounter(models.MiniLm)).Chunk("co2", "Atmospheric Transport Modeling of CO$_2$ with Neural Networks", sentences);
        var encoded = await Encoder().EncodeAsync(chunks);
        return new PaperSentences("co2", encoded[0].TitleVector,
            [.. encoded.SelectMany(chunk => chunk.SentenceVectors).Select((vector, i) => new PaperSentence(i, sentences[i], null, vector))]);
    }

    [Fact]
    public void A_paper_without_sentence_vectors_keeps_its_roles_unset()
    {
        var paper = new PaperSentences("plain", ReadOnlyMemory<float>.Empty, [new PaperSentence(0, "We propose a method.", null, ReadOnlyMemory<float>.Empty)]);

        var classified = new SentenceRoleClassifier(() => Shipped).Classify([paper]);

        Assert.Null(classified[0].Sentences[0].Role);
    }

    [Fact]
    public void Decoding_follows_the_likely_order_of_roles_when_a_sentence_is_a_close_call()
    {
        // Background is never followed by a result directly, and results follow methods: a sentence torn between background
        // and result after a method reads as a result, and after background as background.
        var (transitions, prior) = RoleDecoding.Estimate([[SentenceRole.Background, SentenceRole.Method, SentenceRole.Result], [SentenceRole.Background, SentenceRole.Background, SentenceRole.Method]]);
        var decoding = new RoleDecoding(transitions, prior, TransitionWeight: 1, PriorWeight: 0);
        float[] Sure(SentenceRole role) => [.. Enumerable.Range(0, RoleDecoding.Roles).Select(r => r == (int)role ? 0.96f : 0.01f)];
        float[] torn = [0.45f, 0.02f, 0.06f, 0.45f, 0.02f];

        Assert.Equal(SentenceRole.Result, decoding.Decode([Sure(SentenceRole.Background), Sure(SentenceRole.Method), torn])[2]);
        Assert.Equal(SentenceRole.Background, decoding.Decode([Sure(SentenceRole.Background), torn, Sure(SentenceRole.Method)])[1]);
    }

    [Fact]
    public void The_classifier_serves_only_the_embedding_model_it_was_trained_on()
    {
        Assert.Equal(LocalModels.MiniLm.Name, Shipped.Card.EmbeddingModel);
        Assert.Equal(LocalModels.MiniLm.Dimensions, Shipped.Card.Dimensions);
    }

    private IChunkEncoder Encoder() => new LocalSentenceEncoder(models.MiniLm).GetService<IChunkEncoder>()!;

    private SentenceRoleTrainer Trainer(SentenceRoleModel model) =>
        new(Encoder(), new AbstractChunker(new WordPieceTokenCounter(models.MiniLm)), model.Card.EmbeddingModel, model.Card.Dimensions);
}
