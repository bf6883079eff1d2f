using System.Text;

namespace RagAssistant.Core.Ingestion.Pdf;

/// <summary>Text as a PDF's fonts spell it, made into plain running text.</summary>
internal static class PdfText
{
    /// <summary>Ligatures spelled out (ﬁ → fi), soft hyphens and control characters dropped.</summary>
    public static string Clean(string text)
    {
        if (!text.Any(c => c is >= '\uFB00' and <= '\uFB06' or '\u00AD' || char.IsControl(c) || char.IsSurrogate(c))) return text;
        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uFB00' and <= '\uFB06') builder.Append(c.ToString().Normalize(NormalizationForm.FormKC));
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(c).Append(text[++i]);
            else if (c != '\u00AD' && !char.IsControl(c) && !char.IsSurrogate(c)) builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Pieces of running text joined by spaces, except that a word broken at a line end by a hyphen ("cor-" / "pus") is
    /// joined whole. A hyphen that belongs to the word stays: when the document spells the word with it elsewhere
    /// ("visually-rich"), or before a capital or a digit ("GPT-" / "4").
    /// </summary>
    public static string JoinLines(IEnumerable<string> pieces, IReadOnlySet<string> hyphenatedWords)
    {
        var builder = new StringBuilder();
        foreach (var raw in pieces)
        {
            var piece = raw.Trim();
            if (piece.Length == 0) continue;
            if (builder.Length == 0)
            {
                builder.Append(piece);
                continue;
            }
            if (builder.Length >= 2 && builder[^1] == '-' && char.IsLower(builder[^2]) && char.IsLower(piece[0]))
            {
                var head = LastWord(builder);
                var tail = new string([.. piece.TakeWhile(char.IsLetter)]);
                if (!hyphenatedWords.Contains($"{head}{tail}".ToLowerInvariant())) builder.Length--;
            }
            else
            {
                builder.Append(' ');
            }
            builder.Append(piece);
        }
        return builder.ToString();
    }

    /// <summary>Every hyphenated word written whole on one line, lower-cased: the words whose hyphen is their own.</summary>
    public static HashSet<string> HyphenatedWords(IEnumerable<string> lines)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var word = token.Trim('(', ')', '[', ']', ',', '.', ';', ':', '"', '“', '”', '\'', '’');
                var hyphen = word.IndexOf('-');
                if (hyphen > 0 && hyphen < word.Length - 1 && word.All(c => char.IsLetter(c) || c == '-')) words.Add(word.ToLowerInvariant());
            }
        }
        return words;
    }

    /// <summary>The letters and hyphens at the end of the text, the hyphen included: "visually-" of "… visually-".</summary>
    private static string LastWord(StringBuilder builder)
    {
        var start = builder.Length - 1;
        while (start > 0 && (char.IsLetter(builder[start - 1]) || builder[start - 1] == '-')) start--;
        return builder.ToString(start, builder.Length - start);
    }
}
