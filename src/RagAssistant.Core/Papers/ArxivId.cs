using System.Globalization;
using System.Text.RegularExpressions;
using RagAssistant.Contracts;

namespace RagAssistant.Core.Papers;

/// <summary>
/// arXiv identifiers: new style (2301.13298, four or five digits after the dot since 2015) and old style
/// (hep-th/9901001), without their version. A paper's arXiv id is read from its link, so papers from any source
/// that link to arXiv have one.
/// </summary>
public static partial class ArxivId
{
    private const string Id = ArxivLink.IdPattern;

    /// <summary>arXiv's stamp in a PDF's margin: "arXiv:2206.10883v3 [cs.CL] 22 Jul 2022".</summary>
    [GeneratedRegex(@"arXiv:\s?" + Id + @"\s*\[[a-zA-Z.-]+\]\s*(?<date>\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4})")]
    private static partial Regex Stamp();

    /// <summary>A file name that is an identifier ("2301.13298v2.pdf", "arXiv-2301.13298.pdf").</summary>
    [GeneratedRegex(@"^(?:arxiv[-_:. ]?)?" + Id + @"$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    /// <summary>The identifier and date of arXiv's stamp in <paramref name="text"/>; ids cited in the text are no stamp and are not taken.</summary>
    public static (string Id, DateOnly? Date)? FromStamp(string text)
    {
        var match = Stamp().Match(text);
        if (!match.Success) return null;
        DateOnly? date = DateOnly.TryParseExact(Regex.Replace(match.Groups["date"].Value, @"\s+", " "), "d MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        return (match.Groups["id"].Value, date);
    }

    public static string? FromFileName(string path)
    {
        var match = FileName().Match(Path.GetFileNameWithoutExtension(path));
        return match.Success ? match.Groups["id"].Value : null;
    }

    public static string? FromUrl(string? url) => ArxivLink.IdOf(url);

    public static string Url(string id) => ArxivLink.Url(id);
}
