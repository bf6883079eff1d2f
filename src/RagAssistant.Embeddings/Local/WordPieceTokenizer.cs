using System.Globalization;
using System.Text;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// The uncased BERT tokenizer the sentence-transformers were trained with, as in Hugging Face's BertTokenizer:
/// control characters dropped and any whitespace (line breaks, tabs) read as a space; Chinese characters split one
/// by one; lower-cased and accents stripped; split on whitespace and on every punctuation or ASCII symbol
/// character; then WordPiece, longest match first, over the model's vocab.txt (a word over 100 characters is [UNK]).
/// Written here because Microsoft.ML.Tokenizers' BertTokenizer 2.0.1 drops symbols such as <c>=</c> and <c>&lt;</c>
/// and glues words across line breaks. Thread-safe: nothing changes after loading.
/// </summary>
public sealed class WordPieceTokenizer
{
    private const string ContinuationPrefix = "##";
    private const int MaxWordLength = 100;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _ids;
    private readonly string[] _pieces;

    private WordPieceTokenizer(Dictionary<string, int> ids, string[] pieces)
    {
        _ids = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _pieces = pieces;
        ClassificationId = Special(ids, "[CLS]");
        SeparatorId = Special(ids, "[SEP]");
        PaddingId = Special(ids, "[PAD]");
        UnknownId = Special(ids, "[UNK]");
    }

    public int ClassificationId { get; }

    public int SeparatorId { get; }

    public int PaddingId { get; }

    public int UnknownId { get; }

    /// <param name="vocabulary">vocab.txt: one word piece a line, the line number (from 0) being its id.</param>
    public static WordPieceTokenizer Load(Stream vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        using var reader = new StreamReader(vocabulary, Encoding.UTF8);
        var pieces = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            pieces.Add(line.TrimEnd('\r'));
        }

        var ids = new Dictionary<string, int>(pieces.Count, StringComparer.Ordinal);
        for (var id = 0; id < pieces.Count; id++)
        {
            ids.TryAdd(pieces[id], id);
        }

        return new WordPieceTokenizer(ids, [.. pieces]);
    }

    /// <summary>The word-piece ids of the text, without [CLS] and [SEP].</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>();
        foreach (var word in Words(text))
        {
            AddPieces(word, ids);
        }

        return [.. ids];
    }

    /// <summary>How many word pieces the text becomes, without [CLS] and [SEP].</summary>
    public int CountTokens(string text) => Encode(text).Length;

    /// <summary>The word pieces themselves, for tests and diagnostics.</summary>
    public IReadOnlyList<string> Tokenize(string text) => [.. Encode(text).Select(id => _pieces[id])];

    /// <summary>BERT's basic tokenization: the words and punctuation marks WordPiece then splits further.</summary>
    private static List<string> Words(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (rune.Value is 0 or 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhitespace(rune))
            {
                cleaned.Append(' ');
            }
            else if (IsCjk(rune.Value))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }

        var words = new List<string>();
        foreach (var token in cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var current = new StringBuilder();
            foreach (var rune in StripAccents(token.ToLowerInvariant()).EnumerateRunes())
            {
                if (IsPunctuation(rune))
                {
                    if (current.Length > 0)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                    }

                    words.Add(rune.ToString());
                }
                else
                {
                    current.Append(rune.ToString());
                }
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
            }
        }

        return words;
    }

    /// <summary>Greedy longest-match-first WordPiece; a word with any unmatched remainder is one [UNK].</summary>
    private void AddPieces(string word, List<int> ids)
    {
        if (word.EnumerateRunes().Count() > MaxWordLength)
        {
            ids.Add(UnknownId);
            return;
        }

        var first = ids.Count;
        var candidate = new char[word.Length + ContinuationPrefix.Length];
        ContinuationPrefix.AsSpan().CopyTo(candidate);
        var start = 0;
        while (start < word.Length)
        {
            var found = -1;
            var end = word.Length;
            for (; end > start; end--)
            {
                if (end < word.Length && char.IsLowSurrogate(word[end]))
                {
                    continue; // never split a surrogate pair
                }

                var piece = word.AsSpan(start, end - start);
                ReadOnlySpan<char> key = piece;
                if (start > 0)
                {
                    piece.CopyTo(candidate.AsSpan(ContinuationPrefix.Length));
                    key = candidate.AsSpan(0, ContinuationPrefix.Length + piece.Length);
                }

                if (_ids.TryGetValue(key, out found))
                {
                    break;
                }

                found = -1;
            }

            if (found < 0)
            {
                ids.RemoveRange(first, ids.Count - first);
                ids.Add(UnknownId);
                return;
            }

            ids.Add(found);
            start = end;
        }
    }

    private static string StripAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    /// <summary>Unicode "C*" categories, except the tab and line breaks that count as whitespace.</summary>
    private static bool IsControl(Rune rune) =>
        rune.Value is not ('\t' or '\n' or '\r')
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    /// <summary>All non-alphanumeric ASCII (BERT treats symbols like $ = ^ as punctuation) and Unicode "P*" characters.</summary>
    private static bool IsPunctuation(Rune rune) =>
        rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    /// <summary>The CJK ideograph blocks BERT splits into single characters (not Hangul, Hiragana or Katakana).</summary>
    private static bool IsCjk(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    private static int Special(Dictionary<string, int> ids, string token) =>
        ids.TryGetValue(token, out var id) ? id : throw new InvalidDataException($"vocab.txt has no {token} line.");
}
