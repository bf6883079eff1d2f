using Microsoft.ML.Tokenizers;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// The uncased BERT tokenizer the sentence-transformers were trained with: text cleaned (control characters
/// dropped, line breaks and tabs as spaces), lower-cased, accents stripped, split on whitespace and punctuation,
/// Chinese characters one by one, then WordPiece over the model's vocab.txt (a word over 100 characters is [UNK]).
/// Thread-safe.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _bert;

    private WordPieceTokenizer(BertTokenizer bert) => _bert = bert;

    public int ClassificationId => _bert.ClassificationTokenId;

    public int SeparatorId => _bert.SeparatorTokenId;

    public int PaddingId => _bert.PaddingTokenId;

    /// <param name="vocabulary">vocab.txt: one word piece a line, the line number being its id.</param>
    public static WordPieceTokenizer Load(Stream vocabulary) => new(BertTokenizer.Create(vocabulary, new BertOptions
    {
        LowerCaseBeforeTokenization = true,
        RemoveNonSpacingMarks = true,
        ApplyBasicTokenization = true,
        IndividuallyTokenizeCjk = true,
        // Text that happens to contain "[SEP]" or "[CLS]" is words, not structure.
        SplitOnSpecialTokens = false,
    }));

    /// <summary>The word-piece ids of the text, without [CLS] and [SEP].</summary>
    public int[] Encode(string text) => [.. _bert.EncodeToIds(text, addSpecialTokens: false)];

    /// <summary>How many word pieces the text becomes, without [CLS] and [SEP].</summary>
    public int CountTokens(string text) => _bert.EncodeToIds(text, addSpecialTokens: false).Count;

    /// <summary>The word pieces themselves, for tests and diagnostics.</summary>
    public IReadOnlyList<string> Tokenize(string text) =>
        [.. _bert.EncodeToTokens(text, out _, considerPreTokenization: true, considerNormalization: true).Select(token => token.Value)
            .Where(piece => piece != _bert.ClassificationToken && piece != _bert.SeparatorToken)];
}
