using System.Globalization;
using System.Text.RegularExpressions;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion;

/// <summary>
/// Reads the text of a saved Hugging Face Daily Papers page. Entries are a title line, an abstract
/// line and optionally "• N authors", "·" and a date line; pages saved another way carry only
/// alternating titles and abstracts. Page chrome ("Subscribe", "Daily Papers", …) is skipped. An entry without a date
/// line takes the page's day heading ("Nov 4" above the first entry); a lost space between two sentences of an abstract
/// is put back (<see cref="LostSpaces"/>).
/// </summary>
public static partial class DailyPapersPageParser
{
    private static readonly string[] PageChrome =
    [
        "Get trending papers in your email inbox", "Subscribe", "Daily Papers", "byAK and the research community", "new",
    ];

    /// <summary>Titles on these pages run to about 170 characters and abstracts start near 500.</summary>
    private const int ShortestAbstract = 250;

    [GeneratedRegex(@"^•\s*(?<count>\d+)\s+authors?$")]
    private static partial Regex AuthorsLine();

    /// <param name="file">The name reported in sources and errors.</param>
    /// <param name="lines">The page, one entry per line.</param>
    /// <param name="savedOn">When the page was saved, the last resort for the page's year.</param>
    public static ParsedFile Parse(string file, IReadOnlyList<string> lines, DateOnly savedOn)
    {
        var errors = new List<IngestionError>();
        var entries = new List<PendingEntry>();
        DailyPapersDate.Parsed? pageDay = null;
        PendingEntry? current = null;

        for (var index = 0; index < lines.Count; index++)
        {
            var lineNumber = index + 1;
            var text = WithoutPageChrome(WithoutUnpairedSurrogates(lines[index]).Trim());
            if (text.Length == 0 || text == "·") continue;

            if (AuthorsLine().Match(text) is { Success: true } authors)
            {
                if (current is not null && int.TryParse(authors.Groups["count"].Value, CultureInfo.InvariantCulture, out var count)) current.AuthorCount = count;
                continue;
            }
            if (DailyPapersDate.TryParse(text) is { } date)
            {
                // A date before the first entry is the page's own day.
                if (current is null) pageDay ??= date;
                else current.Date = date;
                continue;
            }
            if (LooksLikeAbstract(text, current))
            {
                if (current is { Abstract: null }) current.Abstract = text;
                else errors.Add(new IngestionError(file, lineNumber, "an abstract with no title line before it; skipped"));
                continue;
            }
            if (current is { Abstract: null }) errors.Add(NoAbstract(file, current));
            current = new PendingEntry(text, lineNumber);
            entries.Add(current);
        }
        if (current is { Abstract: null }) errors.Add(NoAbstract(file, current));

        var pageDate = ResolvePageDate(pageDay, entries, savedOn);
        // The page's day heading dates the entries that show no date of their own: the page lists them on that day.
        var headingDate = pageDay is null ? (DateOnly?)null : pageDate;
        var papers = entries
            .Where(entry => entry.Abstract is not null)
            .Select(entry => new Paper(
                PaperIdentity.FromTitle(entry.Title),
                entry.Title,
                LostSpaces.Repair(entry.Abstract!),
                entry.Date?.Resolve(pageDate) ?? headingDate,
                entry.AuthorCount,
                entry.Date?.Upvotes,
                Url: null,
                new SourceLocation(file, entry.Line)))
            .ToList();
        return new ParsedFile(file, papers, errors);
    }

    private static IngestionError NoAbstract(string file, PendingEntry entry) =>
        new(file, entry.Line, $"\"{Shorten(entry.Title)}\" has a title but no abstract; skipped");

    /// <summary>
    /// Pages show the year only for papers of earlier years, so the page is from the year after the
    /// latest year it shows; with no year at all, the year the file was saved.
    /// </summary>
    private static DateOnly ResolvePageDate(DailyPapersDate.Parsed? pageDay, List<PendingEntry> entries, DateOnly savedOn)
    {
        var latestYear = entries.Select(entry => entry.Date?.Year).Max();
        var year = latestYear + 1 ?? savedOn.Year;
        if (pageDay is null) return new DateOnly(year, 12, 31);
        return (pageDay with { Year = year }).Resolve(null) ?? savedOn;
    }

    private static bool LooksLikeAbstract(string text, PendingEntry? current) =>
        text.Length >= ShortestAbstract || (current is { Abstract: null } && text.Length >= 80 && text.EndsWith('.'));

    private static string WithoutPageChrome(string text)
    {
        // A page saved as plain text can glue chrome to the first title ("SubscribeTowards …").
        foreach (var chrome in PageChrome)
        {
            if (text.StartsWith(chrome, StringComparison.Ordinal) && (text.Length == chrome.Length || chrome != "new"))
            {
                var rest = text[chrome.Length..];
                if (rest.Length == 0 || chrome == "Get trending papers in your email inbox") return "";
                if (char.IsUpper(rest[0])) return WithoutPageChrome(rest.Trim());
            }
        }
        return text;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    /// <summary>
    /// Half a surrogate pair becomes U+FFFD, as a UTF-8 decoder would make it: files never hold one, but a caller's
    /// string can, and Unicode normalisation of the title would throw on it (found by the fuzz tests).
    /// </summary>
    private static string WithoutUnpairedSurrogates(string line)
    {
        if (!line.Any(char.IsSurrogate)) return line;
        var chars = line.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private sealed class PendingEntry(string title, int line)
    {
        public string Title { get; } = title;
        public int Line { get; } = line;
        public string? Abstract { get; set; }
        public int? AuthorCount { get; set; }
        public DailyPapersDate.Parsed? Date { get; set; }
    }
}
