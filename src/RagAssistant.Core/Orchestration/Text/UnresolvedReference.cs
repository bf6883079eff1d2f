using System.Text.RegularExpressions;

namespace RagAssistant.Core.Orchestration.Text;

/// <summary>
/// Whether a sentence of an abstract opens by pointing back at something it does not say — "These techniques enable…",
/// "This approach…", "To address these issues, …", "As a first step toward answering this question, …", "It also…" —
/// so that, quoted alone, it points at nothing. A leading connective ("However,", "Additionally,", "Specifically,") leans
/// on the sentence before too, but only for its flow: without it the sentence says the same, so a quote may start after it
/// (<see cref="Standalone"/>). References to the paper itself ("This paper", "In this work", "Our results") are resolved.
/// </summary>
public static partial class UnresolvedReference
{
    // Sentence-opening connectives with their comma: dropped, they leave the claim whole.
    [GeneratedRegex(
        @"^(?:However|Moreover|Furthermore|Further|Additionally|In addition|Also|Besides|Nevertheless|Nonetheless|Still|Instead|" +
        @"Thus|Therefore|Hence|Consequently|Accordingly|As a result|As such|Finally|Lastly|First|Firstly|Second|Secondly|Third|Thirdly|Next|" +
        @"Specifically|More specifically|Concretely|In particular|Particularly|Notably|Importantly|Interestingly|Surprisingly|Remarkably|" +
        @"Crucially|Overall|In summary|In short|In conclusion|To conclude|In contrast|By contrast|On the other hand|Conversely|Similarly|" +
        @"Likewise|Meanwhile|Indeed|In fact|In practice|Empirically|Experimentally|Theoretically|Practically|Ultimately|To compensate|" +
        @"For instance|For example|More broadly|More generally|Intuitively|Traditionally|Altogether|Taken together),\s+(?=\S)")]
    private static partial Regex Connective();

    // Connectives written without their comma ("Thus the model…", "Also we show…") cannot be cut cleanly: the sentence needs its predecessor.
    [GeneratedRegex(@"^(?:Thus|Hence|Therefore|Also|Then|Yet|Still|Instead|Accordingly|Consequently|But|And|So|Or)\s")]
    private static partial Regex BareConnective();

    // A pronoun opening the sentence: "It also remains competitive…", "They are…", "Its accuracy…".
    [GeneratedRegex(@"^(?:It|Its|They|Their|Them|Both of (?:these|them|the two)|Each of (?:these|them)|All of (?:these|them)|The former|The latter|The aforementioned|The above)\b")]
    private static partial Regex OpeningPronoun();

    // "It is well known that…", "It remains unclear whether…": an "it" that stands for nothing.
    [GeneratedRegex(@"^It (?:is|has been|was|remains|becomes|turns out)\s+(?:(?:well|widely|commonly|generally|often|now|also|therefore|thus|still|not)\s+)*(?:known|believed|accepted|assumed|shown|argued|observed|established|recognized|recognised|unclear|unknown|an open|not clear|challenging|difficult|important|crucial|essential|necessary|natural|common|possible|desirable|critical|hard|vital|noteworthy|worth)\b")]
    private static partial Regex ExpletiveIt();

    // "this"/"these"/"such" and what follows, within the sentence's opening clause.
    [GeneratedRegex(@"\b(?:this|these|such|that|those)\b(?=(?<next>(?:\s+[\p{L}\-]+,?){0,3}))", RegexOptions.IgnoreCase)]
    private static partial Regex Demonstrative();

    [GeneratedRegex(@"^\s+(?:as|that)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SuchAsOrThat();

    // What "this" may name without leaning on an earlier sentence: the paper itself.
    private static readonly HashSet<string> SelfReferences = new(StringComparer.OrdinalIgnoreCase)
    {
        "paper", "work", "study", "article", "letter", "thesis", "survey", "review", "report", "manuscript", "note", "tutorial",
        "whitepaper", "chapter", "dissertation", "research", "primer", "book", "position", "talk", "proposal", "abstract", "project",
    };

    /// <summary>Words of a sentence's opening clause that are searched for a demonstrative.</summary>
    private const int OpeningWords = 10;

    /// <summary>Whether the sentence, quoted as it is, opens with a reference or connective that leans on an earlier sentence.</summary>
    public static bool Opens(string sentence)
    {
        var text = sentence.TrimStart();
        return Connective().IsMatch(text) || BareConnective().IsMatch(text) || RefersBack(text);
    }

    /// <summary>
    /// The sentence as a quote can stand alone: itself when nothing in its opening leans back, the rest of it after a leading
    /// connective ("However, AF-KAN requires…" → "AF-KAN requires…") when that rest stands alone, otherwise null — it needs the
    /// sentence before it.
    /// </summary>
    public static string? Standalone(string sentence)
    {
        var text = sentence.Trim();
        if (!Opens(text)) return text;
        var connective = Connective().Match(text);
        if (!connective.Success) return null;
        var rest = text[connective.Length..];
        if (rest.Length == 0 || Opens(rest)) return null;
        // Only a lower-case word is capitalised; a name ("iPhone", "k-means") keeps its case.
        return char.IsLower(rest[0]) && (rest.Length == 1 || !char.IsUpper(rest[1])) ? char.ToUpperInvariant(rest[0]) + rest[1..] : rest;
    }

    private static bool RefersBack(string text)
    {
        if (OpeningPronoun().IsMatch(text) && !ExpletiveIt().IsMatch(text)) return true;
        // The opening clause: up to its first comma, at most the first words of the sentence.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var clause = new List<string>();
        foreach (var word in words.Take(OpeningWords))
        {
            clause.Add(word);
            if (word.EndsWith(',') || word.EndsWith(':') || word.EndsWith(';')) break;
        }
        var opening = string.Join(' ', clause);
        foreach (Match match in Demonstrative().Matches(opening))
        {
            var word = match.Value.Split(' ')[0].ToLowerInvariant();
            var next = match.Groups["next"].Value;
            // "that" and "those" after the first word are conjunctions and relatives ("we show that …", "those who …").
            if (word is "that" or "those" && match.Index > 0) continue;
            if (word == "such" && SuchAsOrThat().IsMatch(next)) continue;
            var following = next.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', '.', ';', ':')).ToList();
            if (following.Any(SelfReferences.Contains)) continue;
            return true;
        }
        return false;
    }
}
