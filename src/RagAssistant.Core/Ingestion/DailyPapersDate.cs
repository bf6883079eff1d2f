using System.Globalization;
using System.Text.RegularExpressions;

namespace RagAssistant.Core.Ingestion;

/// <summary>
/// The date line of a Daily Papers entry: "Aug 20, 2024", "Apr 25" (the page's year) or either
/// followed by the upvote count ("Sep 6, 2024 2").
/// </summary>
internal static partial class DailyPapersDate
{
    [GeneratedRegex(@"^(?<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(?<day>\d{1,2})(,\s*(?<year>\d{4}))?(\s+(?<upvotes>\d+))?$")]
    private static partial Regex Pattern();

    public sealed record Parsed(int Month, int Day, int? Year, int? Upvotes)
    {
        /// <summary>The date, taking the year from the page for year-less dates; a date after the page's own belongs to the year before.</summary>
        public DateOnly? Resolve(DateOnly? pageDate)
        {
            var year = Year ?? pageDate?.Year;
            if (year is null || Day > DateTime.DaysInMonth(year.Value, Month)) return null;
            var date = new DateOnly(year.Value, Month, Day);
            return Year is null && pageDate is { } page && date > page ? date.AddYears(-1) : date;
        }
    }

    public static Parsed? TryParse(string line)
    {
        var match = Pattern().Match(line.Trim());
        if (!match.Success) return null;
        var month = DateTime.ParseExact(match.Groups["month"].Value, "MMM", CultureInfo.InvariantCulture).Month;
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (day is < 1 or > 31) return null;
        return new Parsed(
            month,
            day,
            match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null,
            match.Groups["upvotes"].Success && int.TryParse(match.Groups["upvotes"].Value, CultureInfo.InvariantCulture, out var upvotes) ? upvotes : null);
    }
}
