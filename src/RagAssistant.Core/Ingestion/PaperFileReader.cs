using System.Text;
using RagAssistant.Core.Ingestion.Pdf;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion;

/// <summary>
/// Reads papers from files and folders: saved Daily Papers pages (any text file), JSON Lines
/// (<c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c>) and papers as PDFs (<see cref="PdfPaperReader"/>). A bad file or line is
/// reported and skipped; the rest is still read.
/// </summary>
public sealed class PaperFileReader(long maxFileBytes)
{
    public const long DefaultMaxFileBytes = 16 * 1024 * 1024;

    private static readonly string[] JsonLinesExtensions = [".jsonl", ".ndjson", ".json"];
    private static readonly string[] FolderExtensions = [".txt", ".pdf", .. JsonLinesExtensions];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IngestionResult Read(IEnumerable<string> paths)
    {
        var files = new List<ParsedFile>();
        var errors = new List<IngestionError>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(FilesIn(path).Select(file => ReadFile(file)));
            }
            else if (File.Exists(path))
            {
                files.Add(ReadFile(path));
            }
            else
            {
                errors.Add(new IngestionError(path, 0, "no such file or folder"));
            }
        }
        var catalog = PaperCatalog.Merge(files.SelectMany(file => file.Entries));
        errors.AddRange(files.SelectMany(file => file.Errors));
        return new IngestionResult(files.Count, files.Sum(file => file.Entries.Count), catalog, errors);
    }

    /// <summary>Reads one file; <paramref name="displayName"/> is what sources and errors call it (an upload's own name, say).</summary>
    public ParsedFile ReadFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        var problem = CheckSize(path);
        if (problem is not null) return Failed(name, problem);
        if (PdfPaperReader.IsPdf(path)) return WithinLimits(PdfPaperReader.Read(path, name));

        var bytes = File.ReadAllBytes(path);
        if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0) return Failed(name, "not a text file (binary content); skipped");
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Failed(name, "not UTF-8 text; skipped");
        }
        if (string.IsNullOrWhiteSpace(text)) return Failed(name, "the file is empty");

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var parsed = IsJsonLines(path)
            ? JsonLinesPaperParser.Parse(name, lines)
            : DailyPapersPageParser.Parse(name, lines, DateOnly.FromDateTime(File.GetLastWriteTimeUtc(path)));
        if (parsed.Entries.Count == 0 && parsed.Errors.Count == 0)
        {
            return Failed(name, IsJsonLines(path) ? "no papers found" : "no papers found (expected a saved Daily Papers page: title and abstract lines)");
        }
        return WithinLimits(parsed);
    }

    /// <summary>Entries over <see cref="PaperLimits"/> become errors at their line; the file's errors are capped.</summary>
    private static ParsedFile WithinLimits(ParsedFile parsed)
    {
        var entries = new List<Paper>(parsed.Entries.Count);
        var errors = parsed.Errors.ToList();
        foreach (var entry in parsed.Entries)
        {
            if (PaperLimits.Check(entry) is { } problem) errors.Add(new IngestionError(parsed.File, entry.Source.Line, problem));
            else entries.Add(entry);
        }
        return new ParsedFile(parsed.File, entries, PaperLimits.Capped(parsed.File, [.. errors.OrderBy(error => error.Line)]));
    }

    private string? CheckSize(string path)
    {
        var length = new FileInfo(path).Length;
        if (length == 0) return "the file is empty";
        if (length > maxFileBytes) return $"the file is {length / (1024.0 * 1024):0.#} MB, over the {maxFileBytes / (1024.0 * 1024):0.#} MB limit (Rag:MaxFileBytes); skipped";
        return null;
    }

    private static ParsedFile Failed(string file, string message) => new(file, [], [new IngestionError(file, 0, message)]);

    private static bool IsJsonLines(string path) =>
        JsonLinesExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => !Path.GetFileName(file).StartsWith('.'))
            .Where(file => FolderExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
}
