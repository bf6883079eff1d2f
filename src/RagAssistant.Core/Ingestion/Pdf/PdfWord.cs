using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace RagAssistant.Core.Ingestion.Pdf;

/// <summary>
/// A word as the layout reads it: its text, box, baseline, size and weight. Words are cut from the page's letters where
/// the pen moves on by more than <see cref="SpaceGap"/> of the font size, or to another baseline. PdfPig's default word
/// extractor glued words that TeX spaces narrowly ("ofthe", "excludefivepapers"); its nearest-neighbour extractor
/// did not, but cost about 80 ms a page here.
/// </summary>
/// <remarks><paramref name="PenStart"/> and <paramref name="PenEnd"/> are where the pen starts and leaves the word: the gaps
/// between words are measured with them, since an italic glyph's box reaches past its advance.</remarks>
internal sealed record PdfWord(string Text, PdfRectangle Box, double PenStart, double PenEnd, double Baseline, double Size, bool Bold, IReadOnlyList<double> LetterCentres)
{
    /// <summary>TeX's narrowest interword space is about a quarter of the font size; kerning inside a word stays under a tenth.</summary>
    private const double SpaceGap = 0.15;

    /// <summary>Spacing accents as TeX sets them apart from their letter; each has a combining twin.</summary>
    private static readonly Dictionary<char, char> Accents = new()
    {
        ['¨'] = '\u0308', ['´'] = '\u0301', ['`'] = '\u0300', ['ˆ'] = '\u0302', ['^'] = '\u0302', ['˜'] = '\u0303', ['~'] = '\u0303',
        ['¯'] = '\u0304', ['˘'] = '\u0306', ['˙'] = '\u0307', ['˚'] = '\u030A', ['˝'] = '\u030B', ['ˇ'] = '\u030C', ['¸'] = '\u0327', ['˛'] = '\u0328',
    };

    public bool IsAccent => Text.Length == 1 && Accents.ContainsKey(Text[0]);

    /// <summary>The page's words set horizontally, in the order the page draws them.</summary>
    public static List<PdfWord> Horizontal(Page page) => Words(page.Letters.Where(letter => letter.TextOrientation == TextOrientation.Horizontal));

    /// <summary>Text set at an angle (arXiv's identifier stamp runs up the left margin), for identifiers only.</summary>
    public static string Rotated(Page page) =>
        string.Join(' ', Words(page.Letters.Where(letter => letter.TextOrientation != TextOrientation.Horizontal), alongBaseline: false).Select(word => word.Text));

    private static List<PdfWord> Words(IEnumerable<Letter> letters, bool alongBaseline = true)
    {
        var words = new List<PdfWord>();
        var current = new List<Letter>();
        foreach (var letter in letters)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                Flush();
                continue;
            }
            if (current.Count > 0 && (!alongBaseline ? letter.TextOrientation != current[^1].TextOrientation : Breaks(current[^1], letter))) Flush();
            current.Add(letter);
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Count > 0) words.Add(From(current));
            current = [];
        }
    }

    /// <summary>A new word starts at another baseline, after a gap, or where the pen moved back.</summary>
    private static bool Breaks(Letter previous, Letter next)
    {
        var size = Math.Max(previous.PointSize, next.PointSize);
        if (Math.Abs(previous.StartBaseLine.Y - next.StartBaseLine.Y) > 0.25 * size) return true;
        var gap = next.StartBaseLine.X - previous.EndBaseLine.X;
        return gap > SpaceGap * size || gap < -0.5 * size;
    }

    private static PdfWord From(IReadOnlyList<Letter> letters)
    {
        var size = letters.GroupBy(letter => Math.Round(letter.PointSize, 1)).MaxBy(group => group.Count())!.Key;
        var largest = letters.Max(letter => letter.PointSize);
        var text = new StringBuilder();
        var centres = new List<double>();
        foreach (var letter in letters)
        {
            var value = PdfText.Clean(letter.Value);
            // Capitals set smaller than the word's largest are small capitals: the lower-case letters of "LongEval".
            if (letter.PointSize < largest * 0.9 && value.All(c => !char.IsLetter(c) || char.IsUpper(c))) value = value.ToLowerInvariant();
            text.Append(value);
            var centre = (letter.BoundingBox.Left + letter.BoundingBox.Right) / 2;
            centres.AddRange(Enumerable.Repeat(centre, value.Length));
        }
        var box = new PdfRectangle(
            letters.Min(letter => letter.BoundingBox.Left), letters.Min(letter => letter.BoundingBox.Bottom),
            letters.Max(letter => letter.BoundingBox.Right), letters.Max(letter => letter.BoundingBox.Top));
        return new PdfWord(text.ToString(), box, letters[0].StartBaseLine.X, letters[^1].EndBaseLine.X, letters[0].StartBaseLine.Y, size, letters.Count(IsBold) * 2 > letters.Count, centres);
    }

    /// <summary>This word with <paramref name="accent"/> put on the letter under it (unchanged when there is none).</summary>
    public PdfWord WithAccent(PdfWord accent)
    {
        if (LetterCentres.Count != Text.Length || Text.Length == 0) return this;
        var centre = (accent.Box.Left + accent.Box.Right) / 2;
        var at = Enumerable.Range(0, Text.Length).MinBy(i => Math.Abs(LetterCentres[i] - centre));
        if (!char.IsLetter(Text[at])) return this;
        var composed = $"{Text[at]}{Accents[accent.Text[0]]}".Normalize(NormalizationForm.FormC);
        return composed.Length != 1 ? this : this with { Text = Text[..at] + composed + Text[(at + 1)..] };
    }

    private static bool IsBold(Letter letter) =>
        letter.FontDetails?.IsBold == true
        || letter.FontName?.Contains("Bold", StringComparison.OrdinalIgnoreCase) == true
        || letter.FontName?.Contains("Medi", StringComparison.Ordinal) == true
        || letter.FontName?.Contains("Semibold", StringComparison.OrdinalIgnoreCase) == true
        || letter.FontName?.Contains("CMBX", StringComparison.Ordinal) == true;
}
