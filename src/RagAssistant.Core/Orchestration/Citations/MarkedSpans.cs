namespace RagAssistant.Core.Orchestration.Citations;

/// <summary>A stretch of the answer set off as a name or a quotation: its position, the text between the marks, and whether the marks were quotes.</summary>
internal readonly record struct MarkedSpan(int Start, int Length, string Inner, bool Quoted);

/// <summary>
/// Finds the spans an answer marks as a name or a quotation: double quotes (<c>"…"</c>, <c>“…”</c>) and italics
/// (<c>*…*</c>, <c>_…_</c>), as Markdown reads them — the two ways titles are set off in prose. Bold (<c>**…**</c>) is
/// for headings and labels (the extractive summary's themes) and is not a span. A span stays on one line, within
/// <see cref="MaxLength"/> characters, and holds no <c>[n]</c>: a quote that reaches past a citation is two
/// sentences' stray quotes, not one name. A bullet's <c>* </c> and <c>snake_case</c> open nothing.
/// </summary>
internal static class MarkedSpans
{
    public const int MaxLength = 300;

    /// <summary>
    /// The complete spans of <paramref name="text"/> in order, and where the first span that may still close once more
    /// text arrives begins (-1 when none). With <paramref name="final"/>, no more text comes, so nothing is open.
    /// </summary>
    public static (IReadOnlyList<MarkedSpan> Spans, int OpenAt) Find(string text, bool final)
    {
        var spans = new List<MarkedSpan>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is not ('"' or '“' or '*' or '_') || !AfterBoundary(text, i))
            {
                i++;
                continue;
            }
            var markLength = c is '*' or '_' ? RunLength(text, i) : 1;
            if (i + markLength >= text.Length)
            {
                if (!final) return (spans, i); // the mark is the last thing written: it may yet open a span
                break;
            }
            if (markLength > 1 || char.IsWhiteSpace(text[i + markLength]))
            {
                i += markLength;
                continue;
            }
            var closing = c == '“' ? '”' : c;
            var at = CloserAt(text, i + markLength, closing, markLength, final);
            if (at == StillOpen) return (spans, i);
            if (at == NoCloser)
            {
                i += markLength;
                continue;
            }
            spans.Add(new MarkedSpan(i, at + markLength - i, text[(i + markLength)..at], c is '"' or '“'));
            i = at + markLength;
        }
        return (spans, -1);
    }

    private const int NoCloser = -1;
    private const int StillOpen = -2;

    /// <summary>Where the closing mark starts; <see cref="NoCloser"/> when this is no span; <see cref="StillOpen"/> when it may close in text still to come.</summary>
    private static int CloserAt(string text, int from, char mark, int markLength, bool final)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (j - from > MaxLength || text[j] == '\n') return NoCloser;
            if (text[j] == '[' && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1])) return NoCloser;
            if (text[j] != mark) continue;
            if (mark is '"' or '”') return j;
            var run = RunLength(text, j);
            // "*" may still become "**": emphasis marks that end the text so far are not a closing yet.
            if (j + run == text.Length && !final) return StillOpen;
            var closes = run == markLength && !char.IsWhiteSpace(text[j - 1]) && (j + run == text.Length || !char.IsLetterOrDigit(text[j + run]));
            if (closes) return j;
            j += run - 1;
        }
        return final ? NoCloser : StillOpen;
    }

    /// <summary>A mark opens only at the start of a word: after a space, a line start or an opening bracket or quote.</summary>
    private static bool AfterBoundary(string text, int i) =>
        i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '"' or '“' or '—' or '–' or '/';

    private static int RunLength(string text, int i)
    {
        var end = i;
        while (end < text.Length && text[end] == text[i]) end++;
        return end - i;
    }
}
