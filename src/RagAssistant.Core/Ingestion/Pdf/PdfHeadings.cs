using System.Text.RegularExpressions;

namespace RagAssistant.Core.Ingestion.Pdf;

/// <summary>
/// What a block of a paper is, beyond running text: a section heading, a caption, a page number. Headings are short,
/// set bold or larger than the body, and either numbered ("3", "3.2", "A.1", "IV.") or one of the headings papers
/// use without numbers ("Limitations", "References"). A bold line that runs into its paragraph ("Data quality. We…")
/// is text, not a heading.
/// </summary>
internal static partial class PdfHeadings
{
    [GeneratedRegex(@"^(?<number>\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z](?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.)\s+(?<title>\p{L}.{0,140})$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^(?:abstract|introduction|related work|background|conclusions?|discussion|limitations|acknowledge?ments?|references|bibliography|appendi(?:x|ces)|ethics statement|ethical considerations|broader impacts?|author contributions|funding|supplementary material)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex Unnumbered();

    [GeneratedRegex(@"^(?:references|bibliography|works cited|literature cited)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceList();

    [GeneratedRegex(@"^(?:figure|fig\.|table|tab\.|algorithm|listing)\s*[A-Z]?\d+[.:]", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(?:\d+|[ivxlc]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    /// <param name="block">The block.</param>
    /// <param name="bodySize">The size most of the paper's text is set in.</param>
    /// <param name="next">The block read after it, if any: an unnumbered heading is not continued by a lower-case word.</param>
    public static bool IsHeading(PdfBlock block, double bodySize, PdfBlock? next)
    {
        var text = block.Text.Trim();
        if (block.Lines.Count > 3 || text.Length is < 2 or > 150 || !text.Any(char.IsLetter)) return false;
        if (block.Size < bodySize - 0.6 || !(block.Bold || block.Size >= bodySize + 0.8)) return false;
        if (IsCaption(block) || text.EndsWith(',')) return false;
        // A numbered heading is a title, not a sentence: no full stop inside it.
        if (Numbered().Match(text) is { Success: true } numbered) return !numbered.Groups["title"].Value.Contains(". ", StringComparison.Ordinal);
        // An unnumbered one stands alone: a bold line continued by a lower-case word is the start of a paragraph.
        return Unnumbered().IsMatch(text) && !(next?.Text is [var first, ..] && char.IsLower(first));
    }

    public static bool IsReferenceList(string heading) => ReferenceList().IsMatch(Title(heading));

    /// <summary>A heading that begins the appendices after the reference list: lettered ("A Data", "B.2 …") or "Appendix".</summary>
    public static bool IsAppendix(string heading) =>
        heading.StartsWith("Appendi", StringComparison.OrdinalIgnoreCase)
        || Numbered().Match(heading) is { Success: true } numbered && char.IsLetter(numbered.Groups["number"].Value[0]) && !numbered.Groups["number"].Value.EndsWith('.');

    public static bool IsAbstractHeading(string text) => Title(text).Equals("abstract", StringComparison.OrdinalIgnoreCase);

    public static bool IsCaption(PdfBlock block) => Caption().IsMatch(block.Text.TrimStart());

    public static bool IsPageNumber(PdfBlock block) => block.Lines.Count == 1 && PageNumber().IsMatch(block.Text.Trim());

    /// <summary>The heading without its number and closing full stop, lower-cased: "references" for "7 References.".</summary>
    private static string Title(string heading)
    {
        var match = Numbered().Match(heading.Trim());
        return (match.Success ? match.Groups["title"].Value : heading).Trim().TrimEnd('.', ':').ToLowerInvariant();
    }
}
