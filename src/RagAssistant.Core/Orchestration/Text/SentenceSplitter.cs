using System.Text.RegularExpressions;

namespace RagAssistant.Core.Orchestration.Text;

/// <summary>
/// Cuts an abstract into sentences: at ., ! or ? followed by space and a capital, digit or bracket, but not
/// after common abbreviations ("e.g.", "et al.", "Fig."), which would cut a sentence in two.
/// </summary>
public static partial class SentenceSplitter
{
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9(\[""'])")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|No|approx|resp)\.|\b[A-Z]\.)$")]
    private static partial Regex Abbreviation();

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var pending = "";
        foreach (var piece in Boundary().Split(Whitespace().Replace(text.Trim(), " ")))
        {
            pending = pending.Length == 0 ? piece : $"{pending} {piece}";
            if (Abbreviation().IsMatch(pending)) continue;
            sentences.Add(pending);
            pending = "";
        }
        if (pending.Length > 0) sentences.Add(pending);
        return sentences;
    }
}
