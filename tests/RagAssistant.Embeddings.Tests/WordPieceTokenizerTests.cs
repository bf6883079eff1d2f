namespace RagAssistant.Embeddings.Tests;

/// <summary>The uncased BERT tokenization both models were trained with (the same vocab.txt in both packages).</summary>
[Collection(ModelCollection.Name)]
public sealed class WordPieceTokenizerTests(ModelFixture fixture)
{
    [Fact]
    public void Text_is_lower_cased_and_split_on_punctuation()
    {
        Assert.Equal(["state", "-", "of", "-", "the", "-", "art", "results", "(", "95", "%", ")", "."], fixture.MiniLm.Tokenizer.Tokenize("State-of-the-Art results (95%)."));
    }

    [Fact]
    public void Accents_are_stripped_as_the_uncased_models_expect()
    {
        var tokenizer = fixture.MiniLm.Tokenizer;

        Assert.Equal(tokenizer.Encode("cafe naive resume"), tokenizer.Encode("Café naïve résumé"));
        // Decomposed accents (e + U+0301) come out the same as precomposed ones.
        Assert.Equal(tokenizer.Encode("cafe"), tokenizer.Encode("cafe\u0301"));
    }

    [Fact]
    public void Line_breaks_and_tabs_separate_words_like_spaces()
    {
        var tokenizer = fixture.MiniLm.Tokenizer;

        Assert.Equal(tokenizer.Encode("deep learning for protein folding"), tokenizer.Encode("deep\nlearning\r\nfor\tprotein  folding"));
    }

    [Fact]
    public void Unknown_words_become_word_pieces_longest_match_first()
    {
        // What Hugging Face's bert-base-uncased tokenizer gives for BERT's own example word.
        Assert.Equal(["una", "##ffa", "##ble"], fixture.MiniLm.Tokenizer.Tokenize("unaffable"));
    }

    [Fact]
    public void Symbols_are_kept_as_tokens_of_their_own()
    {
        // Microsoft.ML.Tokenizers 2.0.1 drops "=" and "<"; BERT treats every ASCII symbol as punctuation.
        Assert.Equal(["p", "<", "0", ".", "05", ",", "n", "=", "12", ",", "$", "5", "+", "x", "^", "2"], fixture.MiniLm.Tokenizer.Tokenize("p<0.05, n = 12, $5 + x^2"));
    }

    [Fact]
    public void Control_characters_are_dropped_and_chinese_characters_split()
    {
        var tokenizer = fixture.MiniLm.Tokenizer;

        Assert.Equal(tokenizer.Encode("deep learning"), tokenizer.Encode("deep\u0000 learn\u200Bing"));
        Assert.Equal(tokenizer.Encode("中 文"), tokenizer.Encode("中文"));
    }

    [Fact]
    public void A_long_word_is_kept_as_word_pieces_up_to_100_characters_and_is_one_unknown_token_beyond()
    {
        var tokenizer = fixture.MiniLm.Tokenizer;
        var sixty = string.Concat(Enumerable.Repeat("protein", 9))[..60];
        var overHundred = string.Concat(Enumerable.Repeat("protein", 15));

        // The package's own tokenizer drops words over 50 characters; BERT keeps them up to 100.
        Assert.True(tokenizer.Tokenize(sixty).Count > 5);
        Assert.Equal(["[UNK]"], tokenizer.Tokenize(overHundred));
    }

    [Fact]
    public void Special_token_names_in_text_are_words_not_structure()
    {
        Assert.DoesNotContain("[SEP]", fixture.MiniLm.Tokenizer.Tokenize("before [SEP] after"));
    }
}
