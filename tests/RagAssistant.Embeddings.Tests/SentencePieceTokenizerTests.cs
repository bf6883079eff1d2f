using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

[Collection(ModelCollection.Name)]
public sealed class SentencePieceTokenizerTests(ModelFixture fixture)
{
    [Theory]
    [MemberData(nameof(GoldenReference.Indices), MemberType = typeof(GoldenReference))]
    public void Reproduces_the_original_token_ids(int index)
    {
        var golden = GoldenReference.Instance;

        var ids = fixture.Model.Tokenizer.Encode(golden.Texts[index]);

        Assert.Equal(golden.TokenIds[index], ids);
    }

    [Fact]
    public void Token_counter_counts_what_the_tokenizer_produces_and_reports_the_model_budget()
    {
        var counter = new UseLiteTokenCounter(fixture.Model);
        var golden = GoldenReference.Instance;

        Assert.Equal(UseLiteModel.MaxTokens, counter.MaxTokens);
        for (var i = 0; i < golden.Texts.Count; i++)
        {
            Assert.Equal(golden.TokenIds[i].Length, counter.CountTokens(golden.Texts[i]));
        }
    }

    [Fact]
    public void Compatibility_characters_are_folded_by_NFKC_before_matching()
    {
        var tokenizer = fixture.Model.Tokenizer;

        // The ligature, full-width letters and the no-break space all fold to plain ASCII under NFKC.
        Assert.Equal(tokenizer.Encode("efficient GPU training"), tokenizer.Encode("e\uFB03cient \uFF27\uFF30\uFF35\u00A0training"));
    }

    [Fact]
    public void Unknown_characters_in_a_row_become_one_unknown_token()
    {
        // Neither character is a piece of the vocabulary, so the two make one run of unknowns.
        var ids = fixture.Model.Tokenizer.Encode("\u4e2d\u6587");

        Assert.Equal(SentencePieceTokenizer.UnknownId, ids[^1]);
        Assert.Single(ids, id => id == SentencePieceTokenizer.UnknownId);
    }
}
