using System.Text.RegularExpressions;

namespace RagAssistant.Client.Tests.Hosting;

/// <summary>Reads the <c>[n]</c> markers of an answer text, to check them against its citations.</summary>
public static partial class CitedAnswer
{
    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();

    public static IReadOnlySet<int> MarkersIn(string answer) =>
        Marker().Matches(answer).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
}
