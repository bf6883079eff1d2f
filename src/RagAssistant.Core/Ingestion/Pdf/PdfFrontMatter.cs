using System.Text.RegularExpressions;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion.Pdf;

/// <summary>
/// A paper's title, authors and abstract from its first page. The document's metadata wins where it is present and
/// the first page confirms it (metadata is often a file name or a template's placeholder). Otherwise the layout: the
/// title is the largest text in the upper part of the page, the authors are the name-like lines between it and the
/// abstract, the abstract is the text after an "Abstract" heading (or the word "Abstract" opening a paragraph) up to
/// the next heading.
/// </summary>
internal static partial class PdfFrontMatter
{
    /// <summary>The first page's parts; <paramref name="BodyStart"/> is the index, among the first page's blocks, where the body begins.</summary>
    public sealed record Parts(string? Title, IReadOnlyList<string> Authors, string? Abstract, int BodyStart);

    [GeneratedRegex(@"^abstract\s*[.:—–-]?\s+(?=\S)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineAbstract();

    [GeneratedRegex(@"univ|institut|college|school|department|dept\.|laborator|\blab\b|\binc\b|corporation|research|center|centre|academy|foundation|hospital|@|\{|https?:|www\.|\bAI\b|google|microsoft|\bmeta\b|amazon|ibm|nvidia|deepmind", RegexOptions.IgnoreCase)]
    private static partial Regex Affiliation();

    [GeneratedRegex(@"^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|der|de|da|del|la|le|di|du|bin|al))*\s+\p{Lu}[\p{L}'’-]+$")]
    private static partial Regex PersonName();

    public static Parts Read(
        IReadOnlyList<PdfBlock> firstPage, double bodySize, double pageHeight, string? metadataTitle, string? metadataAuthors, IReadOnlySet<string> hyphenatedWords)
    {
        var titleBlocks = TitleBlocks(firstPage, bodySize, pageHeight);
        var layoutTitle = titleBlocks.Count == 0 ? null : Collapse(string.Join(' ', titleBlocks.Select(block => block.Text)));
        var title = Confirmed(metadataTitle, firstPage) ?? layoutTitle;

        var afterTitle = titleBlocks.Count == 0 ? 0 : firstPage.ToList().IndexOf(titleBlocks[^1]) + 1;
        var (abstractText, abstractStart, bodyStart) = Abstract(firstPage, afterTitle, bodySize, hyphenatedWords);
        var authors = MetadataAuthors(metadataAuthors) ?? LayoutAuthors(firstPage, titleBlocks, abstractStart);
        return new Parts(title, authors, abstractText, bodyStart);
    }

    /// <summary>The blocks set in the largest size in the page's upper 60 %, when that size stands out from the body's.</summary>
    private static List<PdfBlock> TitleBlocks(IReadOnlyList<PdfBlock> page, double bodySize, double pageHeight)
    {
        var candidates = page.Where(block => block.Box.Bottom > pageHeight * 0.4 && block.Text.Count(char.IsLetter) >= 3 && !PdfHeadings.IsAbstractHeading(block.Text)).ToList();
        if (candidates.Count == 0) return [];
        var largest = candidates.Max(block => block.Size);
        if (largest < bodySize + 1) return [];
        return [.. candidates.Where(block => block.Size >= largest - 0.3)];
    }

    /// <summary>The metadata title when it is a title of this paper: a few words that the first page prints.</summary>
    private static string? Confirmed(string? metadataTitle, IReadOnlyList<PdfBlock> page)
    {
        if (string.IsNullOrWhiteSpace(metadataTitle)) return null;
        var title = Collapse(PdfText.Clean(metadataTitle));
        if (title.Split(' ').Length < 2 || Regex.IsMatch(title, @"\.(pdf|dvi|tex|docx?|ps)$|^microsoft word|^untitled", RegexOptions.IgnoreCase)) return null;
        var printed = PaperIdentity.NormalizeTitle(string.Concat(page.Select(block => block.Text)));
        return printed.Contains(PaperIdentity.NormalizeTitle(title), StringComparison.Ordinal) ? title : null;
    }

    /// <summary>
    /// The abstract's text, the index of its first block (or of the body's start when there is none) and the index where
    /// the body begins: after the abstract, or after the title when the page has no abstract marked as such.
    /// </summary>
    private static (string? Text, int Start, int BodyStart) Abstract(IReadOnlyList<PdfBlock> page, int afterTitle, double bodySize, IReadOnlySet<string> hyphenatedWords)
    {
        for (var i = afterTitle; i < page.Count; i++)
        {
            var text = page[i].Text.Trim();
            if (PdfHeadings.IsAbstractHeading(text)) return Collect(i + 1, null);
            if (InlineAbstract().Match(text) is { Success: true } inline) return Collect(i + 1, text[inline.Length..]);
        }
        return (null, page.Count, afterTitle);

        (string?, int, int) Collect(int from, string? opening)
        {
            var parts = opening is null ? new List<string>() : [opening];
            var size = opening is null && from < page.Count ? page[from].Size : page[from - 1].Size;
            var end = from;
            for (; end < page.Count; end++)
            {
                var block = page[end];
                if (PdfHeadings.IsHeading(block, bodySize, end + 1 < page.Count ? page[end + 1] : null) || (block.Bold && block.Lines.Count == 1)) break;
                // Footnotes and page furniture set smaller than the abstract are skipped, not the end of it.
                if (block.Size < size * 0.88 || PdfHeadings.IsPageNumber(block) || PdfHeadings.IsCaption(block)) continue;
                parts.Add(block.RunningText(hyphenatedWords));
            }
            return (parts.Count == 0 ? null : PdfText.JoinLines(parts, hyphenatedWords), from - 1, end);
        }
    }

    private static IReadOnlyList<string>? MetadataAuthors(string? metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata)) return null;
        var names = Regex.Split(PdfText.Clean(metadata), @"\s*(?:;|,|\band\b|&)\s*")
            .Select(Collapse)
            .Where(name => PersonName().IsMatch(name))
            .ToList();
        return names.Count > 0 ? names : null;
    }

    /// <summary>
    /// Name-like runs of the lines between the title and the abstract, top down and left to right; lines that name an
    /// institution or an address are passed over. Names on one line are told apart by commas, "and", or the wider gap
    /// where an affiliation mark stood.
    /// </summary>
    private static IReadOnlyList<string> LayoutAuthors(IReadOnlyList<PdfBlock> page, IReadOnlyList<PdfBlock> titleBlocks, int abstractStart)
    {
        if (titleBlocks.Count == 0) return [];
        var top = titleBlocks.Min(block => block.Box.Bottom);
        var bottom = abstractStart < page.Count ? page[abstractStart].Box.Top : double.MinValue;
        var lines = page.SelectMany(block => block.Lines)
            .Where(line => line.Baseline < top && line.Baseline > bottom)
            .OrderByDescending(line => Math.Round(line.Baseline))
            .ThenBy(line => line.Box.Left);
        var names = new List<string>();
        foreach (var line in lines)
        {
            if (Affiliation().IsMatch(line.Text)) continue;
            foreach (var run in Runs(line))
            {
                foreach (var part in Regex.Split(run, @"\s*(?:,|\band\b|&)\s*"))
                {
                    var name = Collapse(part.Trim('*', '†', '‡', '§', '¶', ' '));
                    if (PersonName().IsMatch(name) && !names.Contains(name)) names.Add(name);
                }
            }
        }
        return names;
    }

    /// <summary>The line's words cut where the gap is wider than a space: where a dropped mark stood between two names.</summary>
    private static IEnumerable<string> Runs(PdfLine line)
    {
        var run = new List<string>();
        for (var i = 0; i < line.Words.Count; i++)
        {
            if (i > 0 && line.Words[i].PenStart - line.Words[i - 1].PenEnd > 0.45 * line.Size)
            {
                yield return string.Join(' ', run);
                run.Clear();
            }
            run.Add(line.Words[i].Text);
        }
        if (run.Count > 0) yield return string.Join(' ', run);
    }

    private static string Collapse(string text) => Regex.Replace(text, @"\s+", " ").Trim();
}
