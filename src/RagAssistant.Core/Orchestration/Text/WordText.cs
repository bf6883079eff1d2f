using System.Text.RegularExpressions;

namespace RagAssistant.Core.Orchestration.Text;

/// <summary>
/// Text reduced to its words: lower case, each run of anything but letters and digits one space. The citation check,
/// the relevance gate's named-paper rule and the sources panel's highlighting all compare texts this way, so they agree
/// on what "the same words" means.
/// </summary>
public static partial class WordText
{
    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotLetterOrDigit();

    public static string Normalise(string text) => NotLetterOrDigit().Replace(text.ToLowerInvariant(), " ").Trim();

    public static string[] Words(string text) => Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
