using UglyToad.PdfPig.Core;

namespace RagAssistant.Core.Ingestion.Pdf;

/// <summary>
/// A page's text as blocks in reading order. Words (<see cref="PdfWord"/>) are grouped into rows by baseline and cut into lines at
/// wide gaps and at the gutter of a two-column page; lines of one column, size and weight that follow closely form a
/// block; blocks are read column by column between the full-width blocks (title, wide figures) that cut a page into
/// bands. Superscript markers (footnote and affiliation marks) are dropped. PdfPig's own Docstrum segmenter and
/// reading-order detector put captions and footnotes between a column's paragraphs and took about 70 ms a page here;
/// this takes a few.
/// </summary>
internal static class PdfTextLayout
{
    /// <summary>A gap wider than this many font sizes separates two lines on one row (names on an author row, columns).</summary>
    private const double LineGap = 1.5;

    /// <summary>Lines of a block follow each other within this many font sizes, baseline to baseline.</summary>
    private const double BlockLeading = 1.75;

    /// <param name="words">The page's horizontal words (<see cref="PdfWord.Horizontal"/>).</param>
    /// <param name="pageWidth">The page's width.</param>
    /// <param name="page">The page's number.</param>
    /// <param name="bodySize">The size most of the document's text is set in: only such text decides where the columns are.</param>
    public static IReadOnlyList<PdfBlock> Blocks(IReadOnlyList<PdfWord> words, double pageWidth, int page, double bodySize)
    {
        // Text inside a figure (a screenshot of another paper, a plot's labels) would blur the gutter.
        var gutter = Gutter([.. words.Where(word => Math.Abs(word.Size - bodySize) <= 1)], pageWidth);
        var lines = Lines(words, gutter, page);
        var blocks = Group(lines, gutter);
        return Order(blocks, gutter);
    }

    /// <summary>
    /// The x of the gap between two columns, or null for a single-column page: a run of x near the middle that no more
    /// than a few words cross, with a good share of the words on either side.
    /// </summary>
    private static double? Gutter(IReadOnlyList<PdfWord> words, double pageWidth)
    {
        if (words.Count < 40) return null;
        var (bestX, fewest) = (0.0, int.MaxValue);
        for (var x = pageWidth * 0.35; x <= pageWidth * 0.65; x += 1)
        {
            var crossing = words.Count(word => word.Box.Left < x && word.Box.Right > x);
            if (crossing < fewest) (bestX, fewest) = (x, crossing);
        }
        var left = words.Count(word => word.Box.Right <= bestX);
        var right = words.Count(word => word.Box.Left >= bestX);
        return fewest <= words.Count * 0.04 && left >= words.Count * 0.2 && right >= words.Count * 0.2 ? bestX : null;
    }

    /// <summary>Rows of words on one baseline, cut at wide gaps and at the gutter; raised small marks dropped.</summary>
    private static List<PdfLine> Lines(IReadOnlyList<PdfWord> words, double? gutter, int page)
    {
        var rows = new List<List<PdfWord>>();
        foreach (var word in words.OrderByDescending(word => word.Baseline))
        {
            var row = rows.Count > 0 ? rows[^1] : null;
            if (row is not null && Math.Abs(row[0].Baseline - word.Baseline) <= 0.3 * Math.Max(row[0].Size, word.Size)) row.Add(word);
            else rows.Add([word]);
        }
        var lines = new List<PdfLine>();
        foreach (var row in rows)
        {
            var segment = new List<PdfWord>();
            var right = double.MinValue;
            foreach (var word in row.OrderBy(word => word.PenStart))
            {
                if (segment.Count > 0 && word.IsAccent && word.PenStart < right)
                {
                    // An accent set over a letter of the word before ("Farber" and "¨" for Färber).
                    segment[^1] = segment[^1].WithAccent(word);
                    continue;
                }
                if (segment.Count > 0)
                {
                    var gap = word.PenStart - right;
                    var size = Math.Max(segment[^1].Size, word.Size);
                    var crossesGutter = gutter is { } g && right <= g && word.Box.Left >= g && gap > 0.5 * size;
                    if (crossesGutter || gap > LineGap * size)
                    {
                        lines.Add(PdfLine.From(segment, page));
                        segment = [];
                        right = double.MinValue;
                    }
                }
                segment.Add(word);
                right = Math.Max(right, word.PenEnd);
            }
            if (segment.Count > 0) lines.Add(PdfLine.From(segment, page));
        }
        return [.. lines.Where(line => !IsRaisedMark(line, lines))];
    }

    /// <summary>A few small characters set above a larger line they touch: a footnote or affiliation mark, not text.</summary>
    private static bool IsRaisedMark(PdfLine line, IReadOnlyList<PdfLine> lines) =>
        line.Text.Length <= 6 && lines.Any(other =>
            other != line && other.Size >= line.Size * 1.2
            && line.Baseline > other.Baseline && line.Baseline < other.Baseline + other.Size * 0.9
            && line.Box.Left <= other.Box.Right + other.Size && line.Box.Right >= other.Box.Left - other.Size);

    private enum Column { Full, Left, Right }

    private static Column ColumnOf(PdfRectangle box, double? gutter) =>
        gutter is not { } g ? Column.Full : box.Right <= g + 1 ? Column.Left : box.Left >= g - 1 ? Column.Right : Column.Full;

    /// <summary>Consecutive lines of one column, of the same size and weight and closely spaced, as blocks.</summary>
    private static List<(PdfBlock Block, Column Column)> Group(IReadOnlyList<PdfLine> lines, double? gutter)
    {
        var blocks = new List<(PdfBlock, Column)>();
        foreach (var column in lines.GroupBy(line => ColumnOf(line.Box, gutter)))
        {
            var current = new List<PdfLine>();
            foreach (var line in column.OrderByDescending(line => line.Baseline).ThenBy(line => line.Box.Left))
            {
                if (current.Count > 0 && !Continues(current[^1], line))
                {
                    blocks.Add((PdfBlock.From(current), column.Key));
                    current = [];
                }
                current.Add(line);
            }
            if (current.Count > 0) blocks.Add((PdfBlock.From(current), column.Key));
        }
        return blocks;
    }

    private static bool Continues(PdfLine previous, PdfLine line) =>
        Math.Abs(previous.Size - line.Size) <= 0.6
        && previous.Bold == line.Bold
        && previous.Baseline - line.Baseline <= BlockLeading * Math.Max(previous.Size, line.Size)
        && previous.Baseline > line.Baseline
        // A full-width row of names or a centred heading is not continued by a line that starts far to one side.
        && line.Box.Left < previous.Box.Right && line.Box.Right > previous.Box.Left;

    /// <summary>Full-width blocks cut the page into bands; each band is read left column, then right column, top down.</summary>
    private static IReadOnlyList<PdfBlock> Order(List<(PdfBlock Block, Column Column)> blocks, double? gutter)
    {
        if (gutter is null) return InRows(blocks.Select(entry => entry.Block));
        var ordered = new List<PdfBlock>();
        var columns = blocks.Where(entry => entry.Column != Column.Full).ToList();
        foreach (var full in InRows(blocks.Where(entry => entry.Column == Column.Full).Select(entry => entry.Block)))
        {
            var above = columns.Where(entry => entry.Block.Middle > full.Middle).ToList();
            ordered.AddRange(InColumnOrder(above));
            columns.RemoveAll(above.Contains);
            ordered.Add(full);
        }
        ordered.AddRange(InColumnOrder(columns));
        return ordered;
    }

    /// <summary>Top down; blocks whose first lines share a baseline (names on an author row) left to right.</summary>
    private static IReadOnlyList<PdfBlock> InRows(IEnumerable<PdfBlock> blocks)
    {
        var ordered = new List<PdfBlock>();
        foreach (var block in blocks.OrderByDescending(block => block.Lines[0].Baseline))
        {
            var rowStart = ordered.FindLastIndex(other => Math.Abs(other.Lines[0].Baseline - block.Lines[0].Baseline) > 0.5 * block.Size) + 1;
            var at = ordered.FindIndex(rowStart, other => other.Box.Left > block.Box.Left);
            ordered.Insert(at < 0 ? ordered.Count : at, block);
        }
        return ordered;
    }

    private static IEnumerable<PdfBlock> InColumnOrder(IEnumerable<(PdfBlock Block, Column Column)> blocks) =>
        blocks.OrderBy(entry => entry.Column).ThenByDescending(entry => entry.Block.Box.Top).Select(entry => entry.Block);
}

/// <summary>Words on one baseline with no wide gap between them: one line of one column.</summary>
internal sealed record PdfLine(int Page, string Text, PdfRectangle Box, double Baseline, double Size, bool Bold, IReadOnlyList<PdfWord> Words)
{
    /// <summary>A gap narrower than this many font sizes joins two words without a space (small capitals, subscripts).</summary>
    private const double GlueGap = 0.12;

    public static PdfLine From(IReadOnlyList<PdfWord> words, int page)
    {
        var size = words.GroupBy(word => word.Size).MaxBy(group => group.Sum(word => word.Text.Length))!.Key;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var glued = i > 0 && words[i].PenStart - words[i - 1].PenEnd < GlueGap * size;
            if (i > 0 && !glued) text.Append(' ');
            // Small capitals glued to a larger capital are the lower-case letters of one word ("L ONG E VAL" is LongEval).
            text.Append(glued && words[i].Size < words[i - 1].Size * 0.9 && words[i].Text.All(c => !char.IsLetter(c) || char.IsUpper(c))
                ? words[i].Text.ToLowerInvariant()
                : words[i].Text);
        }
        var box = new PdfRectangle(words.Min(w => w.Box.Left), words.Min(w => w.Box.Bottom), words.Max(w => w.Box.Right), words.Max(w => w.Box.Top));
        var baseline = words.Where(word => word.Size == size).Select(word => word.Baseline).First();
        var bold = words.Where(word => word.Bold).Sum(word => word.Text.Length) * 2 > words.Sum(word => word.Text.Length);
        return new PdfLine(page, text.ToString(), box, baseline, size, bold, words);
    }
}

/// <summary>Lines of one column that read as one paragraph, heading or caption.</summary>
internal sealed record PdfBlock(int Page, IReadOnlyList<PdfLine> Lines, PdfRectangle Box, double Size, bool Bold)
{
    public double Middle => (Box.Top + Box.Bottom) / 2;

    /// <summary>The lines as running text, without joining words hyphenated at line ends (see <see cref="PdfText.JoinLines"/>).</summary>
    public string Text => string.Join(' ', Lines.Select(line => line.Text));

    /// <summary>The lines as running text, words hyphenated at line ends joined whole.</summary>
    public string RunningText(IReadOnlySet<string> hyphenatedWords) => PdfText.JoinLines(Lines.Select(line => line.Text), hyphenatedWords);

    public static PdfBlock From(IReadOnlyList<PdfLine> lines)
    {
        var size = lines.GroupBy(line => line.Size).MaxBy(group => group.Sum(line => line.Text.Length))!.Key;
        var box = new PdfRectangle(lines.Min(l => l.Box.Left), lines.Min(l => l.Box.Bottom), lines.Max(l => l.Box.Right), lines.Max(l => l.Box.Top));
        return new PdfBlock(lines[0].Page, lines, box, size, lines.All(line => line.Bold));
    }
}
