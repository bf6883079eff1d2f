using Microsoft.Extensions.AI;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>The converted graph against the embeddings TensorFlow.js computed for the same token ids.</summary>
[Collection(ModelCollection.Name)]
public sealed class UseLiteGoldenEmbeddingTests(ModelFixture fixture)
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void Every_golden_embedding_is_reproduced_from_its_token_ids_in_one_batch()
    {
        var golden = GoldenReference.Instance;

        // Includes the empty text and the texts longer than 128 tokens, which the graph cuts at 128.
        var vectors = fixture.Model.Runtime.Embed(golden.TokenIds);

        for (var i = 0; i < vectors.Length; i++)
        {
            VectorAssert.Close(golden.Embeddings[i], vectors[i], Tolerance, $"text {i}");
        }
    }

    [Theory]
    [MemberData(nameof(GoldenReference.Indices), MemberType = typeof(GoldenReference))]
    public void Every_golden_embedding_is_reproduced_from_its_token_ids_alone(int index)
    {
        var golden = GoldenReference.Instance;

        var vector = fixture.Model.Runtime.Embed([golden.TokenIds[index]])[0];

        VectorAssert.Close(golden.Embeddings[index], vector, Tolerance, $"text {index}");
    }

    [Fact]
    public async Task The_encoder_gives_the_golden_embedding_for_every_text_that_fits_the_model()
    {
        var golden = GoldenReference.Instance;
        var fitting = Enumerable.Range(0, golden.Texts.Count)
            .Where(i => golden.TokenIds[i].Length is > 0 and <= UseLiteModel.MaxTokens)
            .ToArray();
        Assert.True(fitting.Length >= 6, "golden.json should hold several short texts");

        var embeddings = await fixture.Encoder.GenerateAsync(fitting.Select(i => golden.Texts[i]));

        for (var j = 0; j < fitting.Length; j++)
        {
            VectorAssert.Close(golden.Embeddings[fitting[j]], embeddings[j].Vector.Span, Tolerance, $"text {fitting[j]}");
        }
    }

    [Fact]
    public async Task A_text_longer_than_the_model_reads_is_the_weighted_mean_of_its_windows()
    {
        var golden = GoldenReference.Instance;
        var index = Enumerable.Range(0, golden.Texts.Count).First(i => golden.TokenIds[i].Length > UseLiteModel.MaxTokens);
        var tokens = golden.TokenIds[index];
        var head = tokens[..UseLiteModel.MaxTokens];
        var tail = tokens[UseLiteModel.MaxTokens..];

        var windows = fixture.Model.Runtime.Embed([head, tail]);
        var expected = new float[UseLiteModel.Dimensions];
        for (var d = 0; d < expected.Length; d++)
        {
            expected[d] = (windows[0][d] * head.Length) + (windows[1][d] * tail.Length);
        }

        var norm = MathF.Sqrt(expected.Sum(v => v * v));
        var actual = (await fixture.Encoder.GenerateAsync([golden.Texts[index]]))[0].Vector;

        // The first window is what the original graph embeds for the whole text.
        VectorAssert.Close(golden.Embeddings[index], windows[0], Tolerance, "first window");
        VectorAssert.Close(expected.Select(v => v / norm).ToArray(), actual.Span, 1e-6f, "combined windows");
    }
}
