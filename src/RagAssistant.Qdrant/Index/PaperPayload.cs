using System.Globalization;
using Google.Protobuf.Collections;
using RagAssistant.Core.Papers;
using Value = Qdrant.Client.Grpc.Value;

namespace RagAssistant.Qdrant.Index;

/// <summary>
/// A paper as the payload of its point, plus its content hash for incremental indexing. The date is
/// "yyyy-MM-dd", which Qdrant's datetime index range-filters.
/// </summary>
internal static class PaperPayload
{
    public const string PaperIdField = "paper_id";
    public const string TitleField = "title";
    public const string AbstractField = "abstract";
    public const string DateField = "date";
    public const string AuthorCountField = "author_count";
    public const string UpvotesField = "upvotes";
    public const string UrlField = "url";
    public const string SourceFileField = "source_file";
    public const string SourceLineField = "source_line";
    public const string ContentHashField = "content_hash";
    public const string AuthorsField = "authors";
    public const string PagesField = "pages";

    private const string DateFormat = "yyyy-MM-dd";

    public static Dictionary<string, Value> From(Paper paper)
    {
        var payload = new Dictionary<string, Value>
        {
            [PaperIdField] = paper.Id,
            [TitleField] = paper.Title,
            [AbstractField] = paper.Abstract,
            [SourceFileField] = paper.Source.File,
            [SourceLineField] = paper.Source.Line,
            [ContentHashField] = paper.ContentHash,
        };
        if (FormatDate(paper.Date) is { } date) payload[DateField] = date;
        if (paper.AuthorCount is { } authors) payload[AuthorCountField] = authors;
        if (paper.Upvotes is { } upvotes) payload[UpvotesField] = upvotes;
        if (paper.Url is { } url) payload[UrlField] = url;
        if (paper.Authors.Count > 0) payload[AuthorsField] = paper.Authors.ToArray();
        if (paper.Pages is { } pages) payload[PagesField] = pages;
        return payload;
    }

    public static Paper ToPaper(MapField<string, Value> payload) => new(
        Text(payload, PaperIdField),
        Text(payload, TitleField),
        Text(payload, AbstractField),
        OptionalText(payload, DateField) is { } date ? DateOnly.ParseExact(date, DateFormat, CultureInfo.InvariantCulture) : null,
        OptionalInteger(payload, AuthorCountField),
        OptionalInteger(payload, UpvotesField),
        OptionalText(payload, UrlField),
        new SourceLocation(Text(payload, SourceFileField), OptionalInteger(payload, SourceLineField) ?? 0))
    {
        Authors = payload.TryGetValue(AuthorsField, out var authors) && authors.KindCase == Value.KindOneofCase.ListValue
            ? [.. authors.ListValue.Values.Select(name => name.StringValue)]
            : [],
        Pages = OptionalInteger(payload, PagesField),
    };

    public static string PaperId(MapField<string, Value> payload) => Text(payload, PaperIdField);

    public static string? ContentHash(MapField<string, Value> payload) => OptionalText(payload, ContentHashField);

    public static string? FormatDate(DateOnly? date) => date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string Text(MapField<string, Value> payload, string field) =>
        OptionalText(payload, field) ?? throw new InvalidDataException($"A Qdrant point has no '{field}' in its payload; it was not written by RagAssistant.");

    private static string? OptionalText(MapField<string, Value> payload, string field) =>
        payload.TryGetValue(field, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    private static int? OptionalInteger(MapField<string, Value> payload, string field) =>
        payload.TryGetValue(field, out var value) && value.KindCase == Value.KindOneofCase.IntegerValue ? (int)value.IntegerValue : null;
}
