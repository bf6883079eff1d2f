using System.Text.RegularExpressions;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Retrieval.Ranking;

/// <summary>
/// The words of a text as the ranker's lexical features compare them: BM25's stemmed terms (stop words dropped), the
/// pairs of terms that follow each other, and the numbers written in it.
/// </summary>
internal sealed partial class TermProfile
{
    // Each set is built when a feature first asks for it: a search profiles 50 abstracts sentence by sentence, and most
    // sets of a sentence's profile are never asked for (only the whole paper's pairs and numbers are compared).
    private readonly Lazy<HashSet<string>> _terms;
    private readonly Lazy<HashSet<string>> _pairs;
    private readonly Lazy<HashSet<string>> _numbers;

    private TermProfile(IReadOnlyList<string> sequence, Func<IEnumerable<string>> numbers)
    {
        Sequence = sequence;
        _terms = new(() => [.. sequence], LazyThreadSafetyMode.None);
        _pairs = new(() => [.. sequence.Zip(sequence.Skip(1), (first, second) => $"{first} {second}")], LazyThreadSafetyMode.None);
        _numbers = new(() => [.. numbers()], LazyThreadSafetyMode.None);
    }

    /// <summary>The terms in text order, repeats kept.</summary>
    public IReadOnlyList<string> Sequence { get; }

    public HashSet<string> Terms => _terms.Value;

    /// <summary>Adjacent terms ("vitamin d", "d deficiency"): a shared pair is a shared phrase, not two stray words.</summary>
    public HashSet<string> Pairs => _pairs.Value;

    /// <summary>Numbers as written, without thousands separators ("1,000" is "1000").</summary>
    public HashSet<string> Numbers => _numbers.Value;

    public static TermProfile Of(string text) => new([.. Bm25Encoder.Terms(text)], () => NumbersIn(text));

    /// <summary>The profile of consecutive passages as one text (a title and its abstract's sentences), each read once.</summary>
    public static TermProfile Join(IEnumerable<TermProfile> parts)
    {
        var list = parts.ToList();
        return new([.. list.SelectMany(part => part.Sequence)], () => list.SelectMany(part => part.Numbers));
    }

    /// <summary>A question's profile keeps only its content terms (<see cref="QuestionTerms"/>): "which papers show…" is not what it asks.</summary>
    public static TermProfile OfQuestion(string question) =>
        new([.. Bm25Encoder.Terms(question).Where(term => !QuestionTerms.IsQuestionWord(term))], () => NumbersIn(question));

    private static IEnumerable<string> NumbersIn(string text) =>
        Number().Matches(text).Select(match => match.Value.Replace(",", "", StringComparison.Ordinal));

    /// <summary>Share of <paramref name="wanted"/> found in <paramref name="found"/> (0 when nothing is wanted).</summary>
    public static double Share(IReadOnlyCollection<string> wanted, HashSet<string> found) =>
        wanted.Count == 0 ? 0 : (double)wanted.Count(found.Contains) / wanted.Count;

    [GeneratedRegex(@"\d+(?:,\d{3})*(?:\.\d+)?")]
    private static partial Regex Number();
}
