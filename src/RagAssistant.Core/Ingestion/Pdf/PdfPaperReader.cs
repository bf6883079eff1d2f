using System.Globalization;
using System.Text;
using RagAssistant.Core.Papers;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace RagAssistant.Core.Ingestion.Pdf;

/// <summary>
/// Reads one paper from a PDF with its text layer (PdfPig): title, authors, abstract and date from the metadata and the
/// first page (<see cref="PdfFrontMatter"/>), and the full text in reading order, by section and page
/// (<see cref="PdfSections"/>). An arXiv id — arXiv's stamp in the margin, else the file name — becomes the paper's
/// link; the paper's id is its title's, as for every other source, so a PDF and a Daily Papers entry of one paper
/// are one paper. A file that is not a readable paper is one error naming it: truncated, encrypted, over
/// <see cref="MaxPages"/>, with no text layer (scanned), or with no title to be found.
/// </summary>
public static class PdfPaperReader
{
    /// <summary>Papers with their appendices run to a few dozen pages; a book or a generated file beyond this is not read.</summary>
    public const int MaxPages = 300;

    /// <summary>Where a PDF must end: its last bytes hold the end-of-file marker.</summary>
    private static readonly byte[] EndMarker = "%%EOF"u8.ToArray();

    public static bool IsPdf(string path) => string.Equals(Path.GetExtension(path), ".pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>One paper, or one error naming <paramref name="name"/> (the file as sources and errors call it).</summary>
    public static ParsedFile Read(string path, string name)
    {
        try
        {
            return ReadPaper(path, name) switch
            {
                ({ } paper, _) => new ParsedFile(name, [paper], []),
                (_, var problem) => Failed(name, problem!),
            };
        }
        catch (PdfDocumentEncryptedException)
        {
            return Failed(name, "the PDF is encrypted (it needs a password to open); save an unprotected copy and index that; skipped");
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // PdfPig reports a broken file with several exception types; all mean the same to the person indexing it.
            return Failed(name, $"not a readable PDF ({FirstSentence(exception.Message)}); skipped");
        }
    }

    private static (Paper?, string?) ReadPaper(string path, string name)
    {
        if (!HeaderAndEndPresent(path, out var header)) return (null, header
            ? "the PDF ends before its end-of-file marker (%%EOF): it is truncated, perhaps not fully downloaded; skipped"
            : "not a PDF (it does not begin with %PDF-); skipped");

        using var document = PdfDocument.Open(path, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        if (document.NumberOfPages > MaxPages)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"the PDF has {document.NumberOfPages:N0} pages, over the limit of {MaxPages} for a paper; skipped"));
        }
        var words = new List<(IReadOnlyList<PdfWord> Words, double Width, int Number)>(document.NumberOfPages);
        string? stampText = null;
        var firstPageHeight = 0.0;
        foreach (var page in document.GetPages())
        {
            if (page.Number == 1)
            {
                stampText = PdfWord.Rotated(page);
                firstPageHeight = page.Height;
            }
            words.Add((PdfWord.Horizontal(page), page.Width, page.Number));
        }
        if (words.All(page => page.Words.Count == 0))
        {
            return (null, "the PDF has no text layer (a scanned or image-only document); text recognition (OCR) is not done here, so there is nothing to index; skipped");
        }
        var bodySize = words.SelectMany(page => page.Words).GroupBy(word => word.Size).MaxBy(group => group.Sum(word => word.Text.Length))!.Key;
        var pages = words.Select(page => PdfTextLayout.Blocks(page.Words, page.Width, page.Number, bodySize)).ToList();

        var lines = pages.SelectMany(page => page).SelectMany(block => block.Lines).ToList();
        var hyphenated = PdfText.HyphenatedWords(lines.Select(line => line.Text));
        var information = document.Information;
        var front = PdfFrontMatter.Read(pages[0], bodySize, firstPageHeight, information.Title, information.Author, hyphenated);
        if (front.Title is null) return (null, "no title found on the first page (no text there is set larger than the body); skipped");

        var firstPageText = string.Join(' ', pages[0].Select(block => block.Text));
        var stamp = ArxivId.FromStamp(stampText ?? "") ?? ArxivId.FromStamp(firstPageText);
        var arxiv = stamp?.Id ?? ArxivId.FromFileName(name);
        var sections = PdfSections.Read(pages, front.BodyStart, bodySize, hyphenated);
        var @abstract = front.Abstract ?? sections.FirstOrDefault()?.Text.FirstOrDefault()?.Text;
        if (string.IsNullOrWhiteSpace(@abstract)) return (null, "no abstract and no body text found; skipped");

        var date = stamp?.Date ?? (information.GetCreatedDateTimeOffset() is { } created ? DateOnly.FromDateTime(created.UtcDateTime) : null);
        var paper = new Paper(
            PaperIdentity.FromTitle(front.Title),
            front.Title,
            @abstract,
            date,
            front.Authors.Count > 0 ? front.Authors.Count : null,
            Upvotes: null,
            arxiv is null ? null : ArxivId.Url(arxiv),
            new SourceLocation(name, 1))
        {
            Authors = front.Authors,
            Pages = document.NumberOfPages,
            Body = new PaperBody(sections),
        };
        return (paper, null);
    }

    /// <summary>Whether the file starts as a PDF (<paramref name="header"/>) and still has its end-of-file marker near its end.</summary>
    private static bool HeaderAndEndPresent(string path, out bool header)
    {
        using var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[1024];
        var read = file.Read(start);
        header = start[..read].IndexOf("%PDF-"u8) >= 0;
        if (!header) return false;
        var tail = new byte[(int)Math.Min(2048, file.Length)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        return tail.AsSpan().IndexOf(EndMarker) >= 0;
    }

    private static ParsedFile Failed(string name, string message) => new(name, [], [new IngestionError(name, 0, message)]);

    private static string FirstSentence(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var c in message.TakeWhile(c => c is not ('\n' or '\r'))) text.Append(c);
        var sentence = text.ToString().TrimEnd('.');
        return sentence.Length <= 160 ? sentence : sentence[..157] + "...";
    }
}
