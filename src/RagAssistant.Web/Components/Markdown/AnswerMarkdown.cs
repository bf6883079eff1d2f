using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using RagAssistant.Contracts;

namespace RagAssistant.Web.Components.Markdown;

/// <summary>
/// Parses an answer's Markdown with raw HTML disabled: a <c>&lt;script&gt;</c> in an answer, title or abstract stays
/// text. Citation markers <c>[n]</c> are swapped for private-use characters first, so Markdown never reads them as
/// link syntax and the renderer finds each one whole, whatever inline it lands in.
/// </summary>
public static partial class AnswerMarkdown
{
    public const char CitationStart = '\uE000';
    public const char CitationEnd = '\uE001';

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    [GeneratedRegex("\uE000(\\d{1,3})\uE001")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[\uE000\uE001]")]
    private static partial Regex PlaceholderCharacters();

    public static MarkdownDocument Parse(string markdown)
    {
        var text = PlaceholderCharacters().Replace(markdown ?? "", "");
        text = CitationMarkers.Single().Replace(text, match => $"{CitationStart}{match.Groups[1].Value}{CitationEnd}");
        return Markdig.Markdown.Parse(text, Pipeline);
    }

    /// <summary>Splits literal text into plain runs and citation numbers.</summary>
    public static IEnumerable<(string? Text, int? Citation)> SplitCitations(string text)
    {
        var position = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            if (match.Index > position) yield return (text[position..match.Index], null);
            yield return (null, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            position = match.Index + match.Length;
        }
        if (position < text.Length) yield return (text[position..], null);
    }

    /// <summary>Only web and mail links are followed; <c>javascript:</c>, <c>data:</c> and the like render as text.</summary>
    public static bool IsSafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
}
