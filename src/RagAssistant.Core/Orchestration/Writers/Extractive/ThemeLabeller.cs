using System.Text.RegularExpressions;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// Names each theme of a literature summary with a phrase a researcher would write: a noun phrase of two to four words
/// taken from its papers' titles as written ("Neural Architecture Search", "Interatomic Potentials"), or from their key
/// sentences when two papers share it, chosen by how many of the theme's papers use it against how many others do
/// (class-based TF-IDF, as BERTopic's c-TF-IDF, over phrases rather than stemmed words). When there are several themes,
/// phrases made only of the question's own words tell them apart from nothing and are skipped; a second phrase is added
/// when it says something the first does not. A theme none of whose phrases qualifies is named by its first paper's title.
/// </summary>
internal static partial class ThemeLabeller
{
    private const int MinWords = 2;
    private const int MaxWords = 5;

    // Words that end a noun phrase in a title: function words and the verbs titles use between their noun phrases.
    private static readonly HashSet<string> Breaks = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "for", "with", "via", "using", "in", "on", "and", "or", "to", "from", "by", "through", "towards",
        "toward", "into", "as", "at", "is", "are", "be", "can", "do", "does", "how", "what", "when", "why", "where", "which", "who",
        "we", "our", "not", "without", "beyond", "under", "over", "between", "across", "within", "its", "their", "your", "all",
        "you", "need", "new", "better", "more", "less", "vs", "versus", "than", "based", "use", "uses", "used", "make", "makes",
        "it", "this", "these", "that", "those", "such", "each", "every", "any", "some", "no", "one", "two", "three", "part", "i",
        "ii", "iii", "meets", "matter", "matters", "yet", "just", "really", "very", "only", "also", "both", "other", "others", "should",
        "will", "would", "could", "may", "might", "must", "has", "have", "had", "been", "being", "was", "were", "so", "if", "then",
        "there", "here", "against", "among", "around", "about", "after", "before", "during", "while", "up", "down", "out", "off",
    };

    // Adjectives titles often end a run of words with; a noun phrase does not end on one ("Efficient Neural").
    private static readonly HashSet<string> Adjectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "deep", "fast", "large", "small", "new", "high", "low", "wide", "robust", "efficient", "simple", "sparse", "accurate",
        "general", "novel", "modern", "better", "best", "free", "aware", "driven", "equivariant", "invariant", "recurrent",
        "dependent", "independent", "consistent", "coherent", "different", "convergent", "significant", "relevant", "important",
        "open", "hard", "soft", "dense", "strong", "weak", "long", "short", "multi", "single", "many", "few", "first", "last",
    };

    // Nouns with an adjective's ending.
    private static readonly HashSet<string> Nouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "potential", "potentials", "signal", "interval", "tutorial", "retrieval", "material", "arrival", "trial", "manual", "survival",
        "goal", "total", "portal", "journal", "metric", "topic", "logic", "heuristic", "arithmetic", "music", "speed", "seed", "need",
        "feed", "embed", "rational", "principal", "proposal", "removal", "terminal", "capital", "animal", "rival", "criminal",
    };

    [GeneratedRegex(@"(?:al|ic|ive|ous|able|ible|less|ful|ly|ian|ed)$", RegexOptions.IgnoreCase)]
    private static partial Regex AdjectiveEnding();

    // Marks that end a title's phrase: colon, comma, brackets, question and exclamation marks, dashes between words.
    [GeneratedRegex(@"[:;,()\[\]?!""“”]|\s[-–—]+\s|\s--\s")]
    private static partial Regex PhraseBreak();

    /// <summary>One label per cluster (clusters as source indices), distinct from each other.</summary>
    public static IReadOnlyList<string> Label(
        IReadOnlyList<IReadOnlyList<int>> clusters, IReadOnlyList<AnswerSource> sources, IReadOnlyDictionary<int, string> keySentences, IReadOnlyList<string> queryTerms)
    {
        var titles = sources.Select(source => TexNotation.Readable(source.Title)).ToList();
        var texts = sources.Select((source, i) => Stems($"{titles[i]}\n{TexNotation.Readable(source.Abstract)}")).ToList();
        var titleStems = titles.Select(Stems).ToList();
        // One theme is the question's subject itself; several must be told apart by something the question did not say.
        var asked = clusters.Count == 1 ? [] : queryTerms.ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var labels = new List<string>();
        foreach (var cluster in clusters)
        {
            var candidates = Candidates(cluster, titles, keySentences, sources, texts)
                .Where(phrase => !phrase.Stems.All(stem => asked.Contains(stem) || QuestionTerms.IsQuestionWord(stem)))
                .Where(phrase => !used.Contains(phrase.Key))
                .Select(phrase => (phrase, score: Score(phrase, cluster, clusters.Count, texts, titleStems)))
                .Where(entry => entry.score > 0)
                .OrderByDescending(entry => entry.score)
                .ThenByDescending(entry => entry.phrase.Stems.Count)
                .ThenBy(entry => entry.phrase.Surface, StringComparer.Ordinal)
                .ToList();
            if (candidates.Count == 0)
            {
                labels.Add(titles[cluster[0]]);
                continue;
            }
            var first = candidates[0];
            var second = candidates.Skip(1).FirstOrDefault(entry => entry.score >= 0.5 * first.score && !entry.phrase.Stems.Intersect(first.phrase.Stems).Any());
            used.Add(first.phrase.Key);
            if (second.phrase is not null) used.Add(second.phrase.Key);
            var label = second.phrase is null ? first.phrase.Surface : $"{first.phrase.Surface} and {second.phrase.Surface}";
            labels.Add(char.ToUpperInvariant(label[0]) + label[1..]);
        }
        return labels;
    }

    /// <summary>
    /// c-TF-IDF over phrases: the share of the theme's papers that use it (a title's use counts double), times how much of
    /// its use across all the papers falls in this theme; a whole run of a title's words beats a piece of one.
    /// </summary>
    private static double Score(Phrase phrase, IReadOnlyList<int> cluster, int themes, List<List<string>> texts, List<List<string>> titleStems)
    {
        var inTheme = cluster.Count(i => Contains(texts[i], phrase.Stems));
        if (inTheme == 0) return 0;
        var everywhere = texts.Count(text => Contains(text, phrase.Stems));
        var inTitles = cluster.Count(i => Contains(titleStems[i], phrase.Stems));
        var coverage = (double)(inTheme + inTitles) / cluster.Count;
        return coverage * Math.Log(1 + (double)themes * inTheme / everywhere) * (phrase.Whole ? 1 : 0.75);
    }

    /// <summary>Every noun phrase of the theme's titles, and those of its key sentences that two of its papers share.</summary>
    private static IEnumerable<Phrase> Candidates(
        IReadOnlyList<int> cluster, List<string> titles, IReadOnlyDictionary<int, string> keySentences, IReadOnlyList<AnswerSource> sources, List<List<string>> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in cluster.SelectMany(i => NounPhrases(titles[i])))
        {
            if (seen.Add(phrase.Key)) yield return phrase;
        }
        foreach (var phrase in cluster.SelectMany(i => keySentences.TryGetValue(sources[i].N, out var sentence) ? NounPhrases(TexNotation.Readable(sentence)) : []))
        {
            if (!seen.Contains(phrase.Key) && cluster.Count(i => Contains(texts[i], phrase.Stems)) >= 2 && seen.Add(phrase.Key)) yield return phrase;
        }
    }

    /// <summary>Runs of two to four content words between a text's function words and punctuation, as written.</summary>
    internal static IEnumerable<Phrase> NounPhrases(string text)
    {
        foreach (var segment in PhraseBreak().Split(text))
        {
            var run = new List<string>();
            foreach (var raw in segment.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(""))
            {
                var word = raw.Trim('.', '\'', '’', '*', '`');
                if (word.Length > 0 && !Breaks.Contains(word) && word.Any(char.IsLetter))
                {
                    run.Add(word);
                    continue;
                }
                foreach (var phrase in Phrases(run)) yield return phrase;
                run.Clear();
            }
        }
    }

    private static IEnumerable<Phrase> Phrases(List<string> run)
    {
        for (var start = 0; start < run.Count; start++)
        {
            // A phrase does not open on a verb's -ing form ("Learning Neural PDE Solvers" gives "Neural PDE Solvers").
            if (run[start].EndsWith("ing", StringComparison.OrdinalIgnoreCase) && start + 1 < run.Count) continue;
            for (var length = MinWords; length <= MaxWords && start + length <= run.Count; length++)
            {
                var words = run.GetRange(start, length);
                if (IsAdjective(words[^1])) continue;
                var stems = words.Select(word => Bm25Encoder.Terms(word).ToList()).ToList();
                // Every word must carry a term: a phrase of stop words names nothing.
                if (stems.Any(terms => terms.Count == 0)) continue;
                yield return new Phrase(string.Join(' ', words), [.. stems.SelectMany(terms => terms)], start == 0 && length == run.Count);
            }
        }
    }

    private static bool IsAdjective(string word)
    {
        // An acronym or a name with capitals inside (PDE, GNNs, LLaVA, AutoDEUQ) is a noun.
        if (word.Skip(1).Any(char.IsUpper)) return false;
        var last = word.Split('-')[^1];
        return Adjectives.Contains(last) || (!Nouns.Contains(last) && AdjectiveEnding().IsMatch(last));
    }

    private static List<string> Stems(string text) => [.. Bm25Encoder.Terms(text)];

    private static bool Contains(List<string> text, IReadOnlyList<string> phrase)
    {
        for (var i = 0; i + phrase.Count <= text.Count; i++)
        {
            var match = true;
            for (var j = 0; j < phrase.Count && match; j++) match = text[i + j] == phrase[j];
            if (match) return true;
        }
        return false;
    }

    /// <summary>A phrase as written, its stemmed terms, and whether it is a whole run of words between breaks rather than a piece of one.</summary>
    internal sealed record Phrase(string Surface, IReadOnlyList<string> Stems, bool Whole)
    {
        public string Key { get; } = string.Join(' ', Stems);
    }
}
