using System.Text.Json;

namespace RagAssistant.Core.Evaluation;

/// <summary>
/// The question files' shared layout: JSON Lines, one object a line, blank lines and lines starting with <c>//</c>
/// skipped; a line that is not JSON is refused with its file and line.
/// </summary>
internal static class JsonLinesFile
{
    /// <summary>Each line's parsed value (cloned, so it outlives its document) with its line number, from 1.</summary>
    public static IEnumerable<(JsonElement Root, int Number)> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.", path);
        foreach (var (line, number) in File.ReadLines(path).Select((line, i) => (line.Trim(), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
            JsonElement root;
            try
            {
                using var json = JsonDocument.Parse(line);
                root = json.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{path}:{number}: not a JSON object ({exception.Message}).", exception);
            }
            yield return (root, number);
        }
    }

    /// <summary>A non-empty string field of a line's object, trimmed, or an error naming the file, line and field.</summary>
    public static string Text(JsonElement root, string field, string path, int number) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : throw new InvalidDataException($"{path}:{number}: field \"{field}\" is missing or empty.");
}
