using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Web.Chat;

/// <summary>
/// Finds the sentences of an abstract that an answer cited: the same sentence quoted, or one sharing most of the
/// cited sentence's words (a language model paraphrases). Used to highlight them in the sources panel.
/// </summary>
public static class CitedSentenceHighlighter
{
    /// <summary>Share of a cited sentence's words an abstract sentence must hold to count as its source.</summary>
    public const double MinSharedWords = 0.6;

    public static IReadOnlyList<AbstractSentence> Mark(string abstractText, IEnumerable<string> citedSentences)
    {
        var cited = citedSentences.Select(Words).Where(words => words.Count > 0).ToList();
        return [.. SentenceSplitter.Split(abstractText).Select(sentence => new AbstractSentence(sentence, IsCited(Words(sentence), cited)))];
    }

    private static bool IsCited(List<string> sentence, List<List<string>> cited)
    {
        if (sentence.Count == 0) return false;
        var joined = string.Join(' ', sentence);
        var set = sentence.ToHashSet(StringComparer.Ordinal);
        foreach (var words in cited)
        {
            var quote = string.Join(' ', words);
            if (words.Count >= 3 && (joined.Contains(quote, StringComparison.Ordinal) || quote.Contains(joined, StringComparison.Ordinal))) return true;
            if (words.Count >= 4 && (double)words.Count(set.Contains) / words.Count >= MinSharedWords) return true;
        }
        return false;
    }

    private static List<string> Words(string text) => [.. WordText.Words(text)];
}

public sealed record AbstractSentence(string Text, bool Cited);
