using System.Globalization;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion;

/// <summary>
/// How large a paper's fields may be, and how many problems one file may report. Real abstracts are a few
/// thousand characters; anything far beyond is not a paper, and unbounded text would reach the encoder, the
/// store's ids and every client's screen.
/// </summary>
public static class PaperLimits
{
    public const int MaxIdLength = 256;
    public const int MaxTitleLength = 1_000;
    public const int MaxAbstractLength = 20_000;

    /// <summary>Problems listed per file; the rest are counted in one closing entry, so a garbage file cannot flood a report.</summary>
    public const int MaxErrorsPerFile = 20;

    /// <summary>Why this paper is refused, naming the field, or null when it fits.</summary>
    public static string? Check(Paper paper) =>
        paper.Id.Length > MaxIdLength ? TooLong("id (\"_id\")", paper.Id.Length, MaxIdLength)
        : paper.Title.Length > MaxTitleLength ? TooLong("title", paper.Title.Length, MaxTitleLength)
        : paper.Abstract.Length > MaxAbstractLength ? TooLong("abstract", paper.Abstract.Length, MaxAbstractLength)
        : null;

    /// <summary>The first <see cref="MaxErrorsPerFile"/> problems of a file, then one entry saying how many were left out.</summary>
    public static IReadOnlyList<IngestionError> Capped(string file, IReadOnlyList<IngestionError> errors) =>
        errors.Count <= MaxErrorsPerFile
            ? errors
            : [.. errors.Take(MaxErrorsPerFile),
               new IngestionError(file, 0, $"{errors.Count - MaxErrorsPerFile} more problems in this file not listed (the first {MaxErrorsPerFile} are)")];

    private static string TooLong(string field, int length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the {field} is {length:N0} characters, over the limit of {limit:N0}; skipped");
}
