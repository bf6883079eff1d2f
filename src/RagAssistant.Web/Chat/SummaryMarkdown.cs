using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RagAssistant.Contracts;
using RagAssistant.Core.Papers;

namespace RagAssistant.Web.Chat;

/// <summary>
/// A literature summary as a Markdown document to copy or download: the question as title, the themes as written,
/// and a full reference list (title, date, author count, link) in place of whatever list the writer appended.
/// </summary>
public static partial class SummaryMarkdown
{
    // The writer's own closing list: a line "References" (bold or heading allowed) and everything after it.
    [GeneratedRegex(@"(?:^|\n)[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?References:?(?:\*\*)?[ \t]*\n[\s\S]*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingReferences();

    public static string Build(string question, string answer, IReadOnlyList<AnswerSource> sources)
    {
        var markdown = new StringBuilder();
        markdown.Append("# ").AppendLine(question.Trim()).AppendLine();
        markdown.AppendLine(TexNotation.Readable(TrailingReferences().Replace(answer, "").TrimEnd())).AppendLine();
        if (sources.Count == 0) return markdown.ToString();
        markdown.AppendLine("## References").AppendLine();
        foreach (var source in sources.OrderBy(source => source.N))
        {
            markdown.Append(CultureInfo.InvariantCulture, $"[{source.N}] ");
            markdown.Append(EscapeMarkdown(TexNotation.Readable(source.Title)));
            var details = new List<string>();
            if (source.Date is { } date) details.Add(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (source.AuthorCount is { } authors) details.Add(authors == 1 ? "1 author" : $"{authors} authors");
            if (details.Count > 0) markdown.Append(" (").Append(string.Join(", ", details)).Append(')');
            if (!string.IsNullOrWhiteSpace(source.Url)) markdown.Append(". <").Append(source.Url).Append('>');
            markdown.AppendLine("  ");
        }
        return markdown.ToString();
    }

    /// <summary>A file name for the download, from the question: "summary-uncertainty-for-neural-network.md".</summary>
    public static string FileName(string question)
    {
        var words = Regex.Matches(question.ToLowerInvariant(), @"[a-z0-9]+").Select(match => match.Value).Take(6);
        var slug = string.Join('-', words);
        return slug.Length == 0 ? "summary.md" : $"summary-{slug}.md";
    }

    /// <summary>A title is text, not Markdown: its brackets and stars are escaped so they show as written.</summary>
    private static string EscapeMarkdown(string title) => Regex.Replace(title.Trim(), @"([\\`*_\[\]<>#])", @"\$1");
}
