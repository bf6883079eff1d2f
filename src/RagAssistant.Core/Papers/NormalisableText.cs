using System.Text;

namespace RagAssistant.Core.Papers;

/// <summary>
/// Text that Unicode normalisation accepts. .NET's <see cref="string.Normalize(NormalizationForm)"/> throws on half a
/// surrogate pair and on a noncharacter (U+FFFE, U+FDD0…); files decoded from UTF-8 never hold the first, but a JSON
/// escape or a caller's string can hold either (found by the fuzz tests). Half a pair becomes U+FFFD, as a UTF-8
/// decoder makes it; a noncharacter is dropped.
/// </summary>
public static class NormalisableText
{
    public static string Of(string text)
    {
        if (!text.Any(c => char.IsSurrogate(c) || IsNoncharacter(c))) return text;
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // EnumerateRunes yields U+FFFD for an unpaired surrogate.
            if (!IsNoncharacter(rune)) kept.Append(rune.ToString());
        }
        return kept.ToString();
    }

    public static bool IsNoncharacter(Rune rune) => rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    private static bool IsNoncharacter(char c) => c is >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF';
}
