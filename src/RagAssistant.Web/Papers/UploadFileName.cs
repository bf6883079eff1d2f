namespace RagAssistant.Web.Papers;

/// <summary>
/// Checks the name a browser sent with an uploaded file before it becomes a path on disk. A browser sends a bare
/// file name, but any client can send <c>../../x</c> or <c>/etc/passwd</c>; such names are refused, not cleaned.
/// </summary>
public static class UploadFileName
{
    public static readonly IReadOnlyList<string> Extensions = [".pdf", ".txt", ".jsonl", ".ndjson", ".json"];

    public const int MaxLength = 200;

    /// <summary>Null when <paramref name="name"/> is a plain file name of a kind the indexer reads; otherwise why not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "the file has no name";
        if (name.Length > MaxLength) return $"the name is longer than {MaxLength} characters";
        if (name.Any(char.IsControl)) return "the name contains control characters";
        if (name.Any(IsDirectionControl))
        {
            return "the name contains a direction control (such as a right-to-left override), which would show it in another order than it has; refused";
        }
        if (name.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0 || name.Contains("..", StringComparison.Ordinal))
        {
            return "the name contains a path or characters not allowed in a file name; refused";
        }
        if (name.StartsWith('.') || name.Trim() != name || Path.GetFileName(name) != name || Path.IsPathRooted(name))
        {
            return "the name is not a plain file name; refused";
        }
        if (!Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
        {
            return $"not a {string.Join(", ", Extensions)} file (papers as PDFs, saved Daily Papers pages as .txt)";
        }
        return null;
    }

    /// <summary>
    /// The bidirectional formatting characters: embeddings, overrides, isolates and marks. In a file name they only
    /// serve to make it read as another: <c>invoice</c>, U+202E, <c>lnosj.txt</c> shows as <c>invoicetxt.jsonl</c>.
    /// </summary>
    private static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
