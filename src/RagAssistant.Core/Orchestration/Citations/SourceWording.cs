using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Orchestration.Citations;

/// <summary>
/// The rule for titles the tools never produced. A span the answer presents as a paper's title or as a quotation — in
/// double quotes, or in italics and in Title Case, three words or more (see <see cref="MarkedSpans"/>) — must be the
/// sources' own wording: its words, in order, occur in the title or abstract of a source of this answer, or in the
/// question. So a retrieved paper's title and a phrase quoted from a retrieved abstract stand; a real paper's title that
/// no tool returned in this answer, an invented title and a quotation no source contains do not. Short emphasis
/// (<c>*not*</c>, <c>*in vitro*</c>), sentence-case italics and bold are not names and are left alone. One per answer; the
/// sources list may grow while the answer streams (agent mode), and a span is judged by the sources when it closes.
/// </summary>
internal sealed class SourceWording(IReadOnlyList<AnswerSource> sources, string question)
{
    /// <summary>Shown where a span was removed, so the sentence does not silently lose its subject.</summary>
    public const string Removed = "(removed: not found in the sources)";

    public const int MinWords = 3;

    private readonly string _question = Padded(question);
    private readonly Dictionary<int, string> _sourceWords = [];

    /// <summary>Whether a span is held to the rule: quoted, or Title Case in italics; three words or more either way.</summary>
    internal static bool IsNameOrQuotation(MarkedSpan span) =>
        WordText.Words(span.Inner).Length >= MinWords
        && (span.Quoted || IsTitleCase(span.Inner));

    /// <summary>Whether the words of <paramref name="span"/> occur in this order in the question or in a source's title or abstract.</summary>
    public bool IsSourceWording(string span)
    {
        var words = WordText.Normalise(CitationStream.WithoutMarkers(span));
        if (words.Length == 0) return true;
        var needle = $" {words} ";
        if (_question.Contains(needle, StringComparison.Ordinal)) return true;
        foreach (var source in sources)
        {
            if (!_sourceWords.TryGetValue(source.N, out var text))
            {
                text = $"{Padded(source.Title)}\n{Padded(ReferenceMarkers.Strip(source.Abstract))}";
                _sourceWords[source.N] = text;
            }
            if (text.Contains(needle, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// Title Case as titles are written: at least two words of four letters or more, and three in four of them begin
    /// with a capital or a digit ("Learning with Noisy Labels", "Attention Is All You Need"; not "Note that these results hold").
    /// </summary>
    internal static bool IsTitleCase(string text)
    {
        var longWords = text.Split((char[])[' ', '\t', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Trim('"', '\'', '(', ')', ',', '.', ':', ';', '?', '!', '“', '”'))
            .Where(word => word.Count(char.IsLetter) >= 4)
            .ToList();
        return longWords.Count >= 2 && longWords.Count(word => char.IsUpper(word[0]) || char.IsDigit(word[0])) * 4 >= longWords.Count * 3;
    }

    private static string Padded(string text) => $" {WordText.Normalise(text)} ";
}
