using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Tests.Retrieval;

public sealed class Bm25EncoderTests
{
    [Theory]
    [InlineData("connections", "connect")]
    [InlineData("connected", "connect")]
    [InlineData("relational", "relat")]
    [InlineData("generalization", "gener")]
    [InlineData("hopping", "hop")]
    [InlineData("ponies", "poni")]
    [InlineData("caresses", "caress")]
    [InlineData("adoption", "adopt")]
    public void Words_are_reduced_to_their_porter_stems(string word, string stem) =>
        Assert.Equal(stem, Assert.Single(Bm25Encoder.Terms(word)));

    [Fact]
    public void Stop_words_and_punctuation_are_dropped_and_case_is_folded() =>
        Assert.Equal(["neural", "network", "co2"], Bm25Encoder.Terms("The Neural Networks of CO2!"));

    [Fact]
    public void A_question_matches_an_abstract_across_word_forms()
    {
        var query = Bm25Encoder.EncodeQuery("emulating transport");
        var document = Bm25Encoder.EncodeDocument("Neural emulators of atmospheric transport.");
        Assert.Equal(query.Indices, query.Indices.Intersect(document.Indices));
    }

    [Fact]
    public void Idf_is_qdrants_formula() =>
        Assert.Equal(Math.Log(1 + (100 - 10 + 0.5) / (10 + 0.5)), Bm25Encoder.InverseDocumentFrequency(100, 10), precision: 12);
}
