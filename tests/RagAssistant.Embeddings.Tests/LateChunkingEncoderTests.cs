using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>
/// The local model's chunk encoder: one pass per chunk gives the chunk's vector, unchanged, and a vector for its title
/// and each of its sentences, good enough to tell which sentence of an abstract a question is about.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class LateChunkingEncoderTests(ModelFixture fixture)
{
    private static readonly Chunk Abstract = new("p", 0, "Neural emulators of atmospheric CO2 transport",
    [
        "Atmospheric transport models are expensive to run at high resolution.",
        "We train four deep neural networks to emulate the transport of carbon dioxide.",
        "The SwinTransformer emulator reaches an R2 above 0.99 on held-out months.",
        "Code and data are publicly available.",
    ]);

    [Fact]
    public async Task The_chunk_vector_is_exactly_the_encoders_vector_of_the_chunk_text()
    {
        var encoder = fixture.Encoder;
        var chunkEncoder = encoder.GetService<IChunkEncoder>()!;

        var encoded = (await chunkEncoder.EncodeAsync([Abstract]))[0];
        var whole = (await encoder.GenerateAsync([Abstract.Text]))[0].Vector;

        VectorAssert.Close(whole.ToArray(), encoded.Vector.Span, 1e-5f, "chunk vector");
        Assert.Equal(Abstract.Sentences.Count, encoded.SentenceVectors.Count);
        Assert.All(encoded.SentenceVectors.Append(encoded.TitleVector), vector => Assert.Equal(1f, TensorPrimitives.Norm(vector.Span), 1e-4f));
    }

    [Theory]
    [InlineData("Are the code and the data released?", 3)]
    [InlineData("How many neural network architectures were trained?", 1)]
    [InlineData("Why are transport models costly?", 0)]
    public async Task The_sentence_a_question_is_about_is_the_closest_sentence(string question, int expected)
    {
        var encoder = fixture.Encoder;
        var encoded = (await encoder.GetService<IChunkEncoder>()!.EncodeAsync([Abstract]))[0];
        var query = (await encoder.GenerateAsync([question], QueryEmbedding.Options))[0].Vector;

        var cosines = encoded.SentenceVectors.Select(vector => TensorPrimitives.CosineSimilarity(vector.Span, query.Span)).ToList();

        Assert.Equal(expected, cosines.IndexOf(cosines.Max()));
    }

    [Fact]
    public async Task Chunks_of_different_lengths_in_one_call_keep_their_own_vectors()
    {
        var encoder = fixture.Encoder;
        var other = new Chunk("q", 0, "Sourdough", ["A starter needs flour and water."]);

        var together = await encoder.GetService<IChunkEncoder>()!.EncodeAsync([Abstract, other]);
        var alone = (await encoder.GetService<IChunkEncoder>()!.EncodeAsync([other]))[0];

        VectorAssert.Close(alone.Vector.ToArray(), together[1].Vector.Span, 1e-5f, "padded with a longer chunk");
        VectorAssert.Close(alone.SentenceVectors[0].ToArray(), together[1].SentenceVectors[0].Span, 1e-5f, "sentence, padded");
    }

    [Fact]
    public async Task A_chunk_longer_than_the_model_window_is_encoded_text_by_text()
    {
        var encoder = fixture.Encoder;
        var longTitle = string.Join(' ', Enumerable.Repeat("emulation", 300));
        var chunk = new Chunk("long", 0, longTitle, ["A short sentence about emulators."]);

        var encoded = (await encoder.GetService<IChunkEncoder>()!.EncodeAsync([chunk]))[0];
        var sentenceAlone = (await encoder.GenerateAsync([chunk.Sentences[0]]))[0].Vector;

        VectorAssert.Close(sentenceAlone.ToArray(), encoded.SentenceVectors[0].Span, 1e-5f, "sentence of an overlong chunk");
        Assert.Equal(fixture.Default.Model.Dimensions, encoded.TitleVector.Length);
    }

    [Fact]
    public void A_cls_pooled_model_offers_no_pooled_encoder()
    {
        // Arctic-embed-xs pools [CLS]; the indexer then embeds titles and sentences as texts of their own.
        Assert.Null(new LocalSentenceEncoder(fixture.ArcticXs).GetService<IChunkEncoder>());
    }
}
