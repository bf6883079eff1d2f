using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>Texts longer than the model's window are embedded window by window, never truncated.</summary>
[Collection(ModelCollection.Name)]
public sealed class LongTextTests(ModelFixture fixture)
{
    private const string Head =
        "Graph neural networks learn representations of molecules by passing messages between atoms along their bonds. ";

    [Theory]
    [InlineData("all-MiniLM-L6-v2")]
    [InlineData("snowflake-arctic-embed-xs")]
    public async Task The_tail_of_a_text_over_the_window_changes_its_vector(string modelName)
    {
        var transformer = fixture.For(modelName);
        var encoder = new LocalSentenceEncoder(transformer);
        var head = string.Concat(Enumerable.Repeat(Head, 40));
        Assert.True(transformer.Tokenizer.CountTokens(head) > transformer.Model.MaxTextTokens, "the head alone must fill the first window");

        var vectors = await encoder.GenerateAsync([
            head + "The method is tested on crystal structures.",
            head + "Football fans celebrated the championship in the streets all night long."]);

        var cosine = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        Assert.True(cosine < 0.99999f, $"two texts that differ only after the first window got the same vector (cosine {cosine:F6})");
    }

    [Fact]
    public async Task A_long_text_is_the_token_weighted_mean_of_its_windows_re_normalised()
    {
        var transformer = fixture.MiniLm;
        var text = string.Concat(Enumerable.Repeat(Head, 36)) + "Results on crystal structures are reported.";
        var tokens = transformer.Tokenizer.Encode(text);
        var window = transformer.Model.MaxTextTokens;
        Assert.InRange(tokens.Length, (2 * window) + 1, 3 * window); // three windows, the last one partial

        var expected = new float[transformer.Model.Dimensions];
        for (var start = 0; start < tokens.Length; start += window)
        {
            var piece = tokens[start..Math.Min(tokens.Length, start + window)];
            TensorPrimitives.MultiplyAdd(transformer.Session.Embed([piece])[0], piece.Length, expected, expected);
        }

        TensorPrimitives.Divide(expected, TensorPrimitives.Norm(expected), expected);

        var actual = await new LocalSentenceEncoder(transformer).GenerateVectorAsync(text);

        VectorAssert.Close(expected, actual.Span, 1e-5f, "three-window text");
        Assert.Equal(1f, TensorPrimitives.Norm(actual.Span), 1e-5f);
    }
}
