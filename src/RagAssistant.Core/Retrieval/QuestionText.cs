using System.Globalization;
using System.Text;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The one rule for the text of a question or a search query, whichever surface it arrives on (the page, the hub,
/// REST, MCP, the CLI): how it is normalised and when it is refused — in the same words everywhere, before anything is
/// embedded. Text the embedding model cannot read (nothing but control characters, combining marks or punctuation) is
/// refused here rather than failing inside the model.
/// </summary>
public static class QuestionText
{
    /// <summary>Long enough for any real question; longer input is a mistake or abuse, not a question.</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// Why this text cannot be asked or searched (<paramref name="noun"/>: "question", "query"), or null when it can.
    /// The length is judged as sent, so a megabyte is refused without being read.
    /// </summary>
    public static string? Problem(string? text, string noun = "question")
    {
        if (text is not null && text.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The {noun} is longer than {MaxLength} characters.");
        }
        var normal = text is null ? "" : Normalise(text);
        if (normal.Length == 0) return $"The {noun} is empty.";
        return HasLetterOrDigit(normal) ? null : $"The {noun} has no letter or digit.";
    }

    /// <summary>
    /// The text as it is asked or searched: halves of surrogate pairs, noncharacters and control characters (but tabs
    /// and line breaks) dropped, composed to NFC, trimmed. Call it on text <see cref="Problem"/> accepted.
    /// </summary>
    public static string Normalise(string text)
    {
        var kept = new StringBuilder(text.Length);
        // EnumerateRunes yields U+FFFD for an unpaired surrogate, dropped here: an unpaired surrogate cannot be written as
        // UTF-8 JSON, and a question has no use for the replacement.
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune == Rune.ReplacementChar || NormalisableText.IsNoncharacter(rune) || (Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune))) continue;
            kept.Append(rune.ToString());
        }
        return kept.ToString().Normalize(NormalizationForm.FormC).Trim();
    }

    private static bool HasLetterOrDigit(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.IsNumber(rune)) return true;
        }
        return false;
    }
}
