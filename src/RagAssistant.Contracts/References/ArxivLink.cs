using System.Text.RegularExpressions;

namespace RagAssistant.Contracts;

/// <summary>
/// arXiv identifiers and links: new style (2301.13298, four or five digits after the dot since 2015) and old style
/// (hep-th/9901001), without their version. The one reading of an arXiv link, for the index and for reference lists.
/// </summary>
public static partial class ArxivLink
{
    /// <summary>An identifier with an optional version, the identifier itself in the group <c>id</c>.</summary>
    public const string IdPattern = @"(?<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?";

    [GeneratedRegex(@"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/" + IdPattern + @"(?:\.pdf)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    /// <summary>The identifier of an arXiv abs or pdf link, else null.</summary>
    public static string? IdOf(string? url)
    {
        if (url is null) return null;
        var match = Link().Match(url.Trim());
        return match.Success ? match.Groups["id"].Value : null;
    }

    /// <summary>The abstract page of identifier <paramref name="id"/>.</summary>
    public static string Url(string id) => $"https://arxiv.org/abs/{id}";
}
