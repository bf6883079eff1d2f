using System.Text;
using System.Text.RegularExpressions;
using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Citations;

/// <summary>
/// Sits between a writer and the user: takes the answer as it streams in, drops every citation to a number
/// that is not a source of this answer (counting them), normalises <c>[1, 3]</c> and <c>[1-3]</c> to
/// <c>[1][2][3]</c>, and reports each sentence once it is complete so its citations can be checked.
/// Text is held back from an opening bracket that may still become a citation, so a <c>[7</c> or a
/// long <c>[1, 2, 3, 4, 5, 6</c> split across fragments never reaches the user. A bracketed number of four
/// digits or more is a year or an identifier (<c>Sachs et al. [2022]</c>), never a citation: it is shown in
/// parentheses, so every <c>[n]</c> in the output names a source. Titles and quotations obey <see cref="SourceWording"/>:
/// one that is not the sources' wording is replaced by <see cref="SourceWording.Removed"/> and counted with the removed
/// citations; text is held back from its opening quote or emphasis until it closes. One instance per answer; not
/// thread-safe. The sources may grow while the answer streams (agent mode): a marker or a title is judged by the
/// sources when it completes.
/// </summary>
public sealed partial class CitationStream(IReadOnlyList<AnswerSource> sources, string question)
{
    private readonly SourceWording _wording = new(sources, question);

    // An unfinished marker at the end of the buffer, however long: "[", "[1", "[1, 2, 3, 4, 5, ". Brackets count
    // too: in "[9[" the first may still close as "[9]" once a dropped "[7]" comes between them.
    [GeneratedRegex(@"\[[\d\s,;\-–\[]*$")]
    private static partial Regex OpenMarker();

    // "[2022]", "[1993]": too many digits for a source number.
    [GeneratedRegex(@"\[(\d{4,})\]")]
    private static partial Regex YearLike();

    [GeneratedRegex(@"^\s*(?:[-*•]\s+|\d+\.\s+|#+\s+)")]
    private static partial Regex ListPrefix();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _sentence = new();
    private bool _afterTerminator;
    private bool _spaceAfterTerminator;
    private bool _afterNewline;
    private bool _inMarker;
    private string? _lastSentence;

    /// <summary>Citations removed so far because they named no source, and titles or quotations because no source has them.</summary>
    public int Removed { get; private set; }

    /// <summary>Adds a fragment; returns the text now safe to show and the sentences it completed.</summary>
    public StreamStep Push(string fragment)
    {
        _pending.Append(fragment);
        var buffered = Clean(_pending.ToString(), final: false, out var openSpan);
        var open = OpenMarker().Match(buffered);
        var safeLength = Math.Min(open.Success ? open.Index : buffered.Length, openSpan < 0 ? buffered.Length : openSpan);
        // Whitespace right before a possible marker goes with it: it is dropped if the marker is.
        while (safeLength < buffered.Length && safeLength > 0 && buffered[safeLength - 1] is ' ' or '\t') safeLength--;
        _pending.Clear().Append(buffered, safeLength, buffered.Length - safeLength);
        return Emit(buffered[..safeLength]);
    }

    /// <summary>Ends the answer: whatever was held back is released (an unfinished bracket is only text) and the last sentence completes.</summary>
    public StreamStep Complete()
    {
        var rest = Clean(_pending.ToString(), final: true, out _);
        _pending.Clear();
        var step = Emit(rest);
        var last = CloseSentence();
        return last is null ? step : step with { Sentences = [.. step.Sentences, last] };
    }

    /// <summary>
    /// Years to parentheses, markers normalised or dropped — until nothing changes, because dropping one marker
    /// can join the brackets around it into another ("[[9]3]" → "[3]") —, then titles and quotations judged.
    /// <paramref name="openSpan"/> is where a title or quotation that has not closed yet begins, or -1.
    /// </summary>
    private string Clean(string raw, bool final, out int openSpan)
    {
        string before;
        do
        {
            before = raw;
            raw = CitationMarkers.Group().Replace(YearLike().Replace(raw, "($1)"), Rewrite);
        }
        while (raw != before);
        return JudgeNames(raw, final, out openSpan);
    }

    /// <summary>Every complete title or quotation that is not the sources' wording replaced and counted (<see cref="SourceWording"/>).</summary>
    private string JudgeNames(string text, bool final, out int openSpan)
    {
        var (spans, openAt) = MarkedSpans.Find(text, final);
        var judged = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var span in spans)
        {
            if (!SourceWording.IsNameOrQuotation(span) || _wording.IsSourceWording(span.Inner)) continue;
            judged.Append(text, copied, span.Start - copied).Append(SourceWording.Removed);
            copied = span.Start + span.Length;
            Removed++;
        }
        openSpan = openAt < 0 ? -1 : judged.Length + openAt - copied; // every replaced span lies before it
        return judged.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Text without its <c>[n]</c> markers.</summary>
    internal static string WithoutMarkers(string text) => CitationMarkers.Single().Replace(text, "");

    private StreamStep Emit(string text)
    {
        var sentences = new List<CitedSentence>();
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n' && _sentence.ToString().Trim().Length > 0) _afterNewline = true;
                if (_afterTerminator) _spaceAfterTerminator = true;
                _sentence.Append(c);
                continue;
            }
            // A marker right after ". " still belongs to the sentence before it ("… balance. [1]"); after a line break it starts a new one.
            var startsNext = _afterNewline || (_afterTerminator && _spaceAfterTerminator && c != '[' && !_inMarker);
            if (startsNext && CloseSentence() is { } done) sentences.Add(done);
            if (startsNext) _afterTerminator = _spaceAfterTerminator = _afterNewline = _inMarker = false;
            _sentence.Append(c);

            if (c == '[') _inMarker = true;
            else if (c == ']') _inMarker = false;
            else if (c is '.' or '!' or '?') (_afterTerminator, _spaceAfterTerminator) = (true, false);
            else if (!_inMarker && c is not ('"' or '\'' or ')' or '*')) _afterTerminator = _spaceAfterTerminator = false;
        }
        return new StreamStep(text, sentences);
    }

    private string Rewrite(Match match)
    {
        var numbers = Numbers(match.Groups[1].Value);
        var count = sources.Count;
        var kept = numbers.Where(n => n >= 1 && n <= count).Distinct().ToList();
        Removed += numbers.Count - numbers.Count(n => n >= 1 && n <= count);
        if (kept.Count == 0) return "";
        var leading = match.Value[..match.Value.IndexOf('[')];
        return leading + string.Concat(kept.Select(n => $"[{n}]"));
    }

    private static List<int> Numbers(string inside)
    {
        var numbers = new List<int>();
        foreach (var part in inside.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split(['-', '–'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (range.Length == 2 && int.TryParse(range[0], out var first) && int.TryParse(range[1], out var last) && last >= first && last - first < 20)
            {
                numbers.AddRange(Enumerable.Range(first, last - first + 1));
            }
            else if (int.TryParse(range[0], out var single)) numbers.Add(single);
        }
        return numbers;
    }

    private CitedSentence? CloseSentence()
    {
        var raw = _sentence.ToString();
        _sentence.Clear();
        var citations = CitationMarkers.Single().Matches(raw).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        var text = SpaceBeforePunctuation().Replace(ListPrefix().Replace(CitationMarkers.Single().Replace(raw, ""), "").Replace("**", "").Trim(), "$1");
        // A marker alone on its line backs the sentence before it; there is no empty sentence to check.
        if (!text.Any(char.IsLetterOrDigit)) text = _lastSentence ?? "";
        else _lastSentence = text;
        if (citations.Count == 0) return null;
        return new CitedSentence(text, citations);
    }
}

/// <summary>What one push released: text for the user, and the cited sentences it completed.</summary>
public sealed record StreamStep(string Text, IReadOnlyList<CitedSentence> Sentences);
