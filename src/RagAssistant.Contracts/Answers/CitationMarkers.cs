using System.Text.RegularExpressions;

namespace RagAssistant.Contracts;

/// <summary>
/// The <c>[n]</c> citation marker, one pattern for every reader of answer text: the server's citation stream and
/// writers, the page's Markdown, any client. A source number has one to three digits; a bracketed number of four or
/// more is a year or an identifier (<c>[2022]</c>), never a citation.
/// </summary>
public static partial class CitationMarkers
{
    /// <summary>One marker, <c>[n]</c>; group 1 is the number.</summary>
    [GeneratedRegex(@"\[(\d{1,3})\]")]
    public static partial Regex Single();

    /// <summary>
    /// A marker as writers and authors also write it — <c>[1, 3]</c>, <c>[2-4]</c>, <c>[2–4]</c>, <c>[1; 5]</c> — with the
    /// spaces or tabs before it; group 1 is what stands between the brackets.
    /// </summary>
    [GeneratedRegex(@"[ \t]*\[(\d{1,3}(?:\s*(?:,|;|-|–)\s*\d{1,3})*)\]")]
    public static partial Regex Group();
}
