using System.Text.RegularExpressions;

namespace RagAssistant.Core.Ingestion;

/// <summary>
/// Puts back the space that copying from a page loses between two sentences ("without expensive re-training.In this
/// paper"): a sentence end after a lower-case word, directly followed by a capitalised word. Abbreviations ("e.g.The")
/// and addresses (github.com/Org) do not match: the word before must have two lower-case letters, the word after must
/// be a lower-case run ended by a space or punctuation. Without the space, the sentence splitter sees one sentence.
/// </summary>
public static partial class LostSpaces
{
    [GeneratedRegex(@"(?<=(?<![\p{L}\p{N}./@-])[\p{L}-]*\p{Ll}\p{Ll}[.!?])(?=\p{Lu}\p{Ll}+[\s,;:])")]
    private static partial Regex GluedSentenceEnd();

    public static string Repair(string text) => GluedSentenceEnd().Replace(text, " ");
}
