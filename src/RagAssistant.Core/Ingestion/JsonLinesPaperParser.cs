using System.Globalization;
using System.Text.Json;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion;

/// <summary>
/// One paper per line, in either of two shapes: BEIR's <c>{"_id","title","text"}</c> or
/// <c>{"title","abstract","date","authors","url"}</c> (authors as a list of names, or a count).
/// </summary>
public static class JsonLinesPaperParser
{
    public static ParsedFile Parse(string file, IReadOnlyList<string> lines)
    {
        var papers = new List<Paper>();
        var errors = new List<IngestionError>();
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                if (ToPaper(json.RootElement, new SourceLocation(file, index + 1), out var problem) is { } paper) papers.Add(paper);
                else errors.Add(new IngestionError(file, index + 1, problem!));
            }
            catch (JsonException exception)
            {
                errors.Add(new IngestionError(file, index + 1, $"not valid JSON ({exception.Message.Split(" Path:")[0]})"));
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
            {
                // An escape such as "\uD800" decodes to half a character, which no text field can hold (found by the fuzz tests).
                errors.Add(new IngestionError(file, index + 1, "a text field is not valid Unicode (an unpaired surrogate such as \\uD800); skipped"));
            }
        }
        return new ParsedFile(file, papers, errors);
    }

    private static Paper? ToPaper(JsonElement json, SourceLocation source, out string? problem)
    {
        problem = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            problem = $"expected a JSON object, found {json.ValueKind.ToString().ToLowerInvariant()}";
            return null;
        }
        var title = Text(json, "title");
        var @abstract = Text(json, "abstract") ?? Text(json, "text");
        if (title is null)
        {
            problem = "missing field \"title\"";
            return null;
        }
        if (@abstract is null)
        {
            problem = $"\"{title}\" has no \"abstract\" (or \"text\"); skipped";
            return null;
        }
        var id = Text(json, "_id") ?? Text(json, "id");
        return new Paper(
            id ?? PaperIdentity.FromTitle(title),
            title,
            LostSpaces.Repair(@abstract),
            Date(json),
            AuthorCount(json),
            Integer(json, "upvotes"),
            Text(json, "url"),
            source)
        {
            Authors = AuthorNames(json),
        };
    }

    /// <summary>The names, when "authors" lists them (as an array of strings); a count says none.</summary>
    private static IReadOnlyList<string> AuthorNames(JsonElement json) =>
        json.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array
            ? [.. authors.EnumerateArray()
                .Where(name => name.ValueKind == JsonValueKind.String)
                .Select(name => WithoutControlCharacters(name.GetString()!).Trim())
                .Where(name => name.Length > 0)]
            : [];

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } is { } raw && WithoutControlCharacters(raw) is var text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : null;

    /// <summary>
    /// NUL and the other C0 controls (tab and line breaks aside) reach a JSON string only as escapes; they carry no text, a
    /// web page cannot show them (browsers turn NUL into U+FFFD) and terminals act on them, so they are dropped.
    /// </summary>
    private static string WithoutControlCharacters(string text) =>
        text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? string.Concat(text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r')) : text;

    private static int? Integer(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static int? AuthorCount(JsonElement json)
    {
        if (!json.TryGetProperty("authors", out var authors)) return Integer(json, "author_count");
        return authors.ValueKind switch
        {
            JsonValueKind.Array => authors.GetArrayLength(),
            JsonValueKind.Number when authors.TryGetInt32(out var count) => count,
            JsonValueKind.String => authors.GetString()!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries).Length,
            _ => null,
        };
    }

    private static DateOnly? Date(JsonElement json)
    {
        var text = Text(json, "date");
        if (text is null) return null;
        if (DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var date)) return date;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, out var moment) ? DateOnly.FromDateTime(moment.UtcDateTime) : null;
    }
}
