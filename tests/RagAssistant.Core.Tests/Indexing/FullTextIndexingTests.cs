using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Tests.Ingestion;
using RagAssistant.Sqlite;

namespace RagAssistant.Core.Tests.Indexing;

/// <summary>
/// Indexing PDFs end to end: the committed folder gives every labelled paper and one named error per hostile file, and a
/// PDF of a paper already indexed from a Daily Papers page updates that paper, in either order, in one run or two.
/// </summary>
public sealed class FullTextIndexingTests : IDisposable
{
    private const string Title = "S2ORC: The Semantic Scholar Open Research Corpus";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _files = new();

    private string Pdf => Path.Combine(TestRepository.PdfPapers, "2020.acl-main.447.pdf");

    /// <summary>The paper as a saved Daily Papers page lists it: title, abstract, authors, date and upvotes, and no full text.</summary>
    private string Page => _files.File("daily-papers.txt", $"""
        {Title}
        We introduce S2ORC, a large corpus of 81.1M English-language academic papers spanning many academic disciplines. The corpus consists of rich metadata, paper abstracts, resolved bibliographic references, as well as structured full text for 8.1M open access papers.
        • 5 authors
        ·
        May 2, 2020 12
        """);

    [Fact]
    public async Task The_committed_folder_indexes_every_labelled_paper_and_names_each_hostile_file_once()
    {
        await using var index = new EmbeddedPaperIndex(_data.Path);

        var run = await Indexer(index).IndexAsync([TestRepository.PdfPapers]);

        var labels = PdfLabels.Load().Papers;
        Assert.Equal((7, labels.Count, labels.Count), (run.Files, run.Papers, run.Added));
        Assert.Equal(
            PdfLabels.Load().Hostile.Select(hostile => Path.GetFileName(hostile.File)).Order(),
            run.Errors.Select(error => Path.GetFileName(error.File)).Order());
        Assert.Equal(labels.Count, await index.CountPapersAsync());
        foreach (var label in labels)
        {
            var paper = (await index.GetPaperAsync(PaperIdentity.FromTitle(label.Title)))!;
            Assert.Equal((label.Title, label.Pages), (paper.Title, paper.Pages));
            var sentences = (await index.GetSentencesAsync([paper.Id])).Single().Sentences;
            Assert.Equal(label.AbstractFirstSentence, sentences[0].Text);
            Assert.Null(sentences[0].Page);
            // The body's sentences are cited under the labelled headings, in the printed order (case aside: small
            // capitals carry none); a heading with no text of its own (one straight above its first subsection) has
            // no sentences to cite, and the reference list is not indexed.
            var headings = label.Headings.Where(heading => heading != "References").Select(Comparable).ToList();
            var cited = sentences.Where(sentence => sentence.IsBody).Select(sentence => headings.IndexOf(Comparable(sentence.Section!))).Distinct().ToList();
            Assert.DoesNotContain(-1, cited);
            Assert.Equal(cited.Order(), cited);
            Assert.True(cited.Count >= headings.Count * 3 / 4, $"{label.File}: sentences under {cited.Count} of {headings.Count} headings");
        }
    }

    [Fact]
    public async Task A_pdf_indexed_after_the_page_updates_the_paper_and_keeps_what_only_the_page_had()
    {
        await using var index = new EmbeddedPaperIndex(_data.Path);
        var indexer = Indexer(index);
        var fromPage = await indexer.IndexAsync([Page]);
        var abstractOnly = (await index.GetSentencesAsync([PaperIdentity.FromTitle(Title)])).Single();

        var fromPdf = await indexer.IndexAsync([Pdf]);
        var pageAgain = await indexer.IndexAsync([Page]);
        var pdfAgain = await indexer.IndexAsync([Pdf]);

        Assert.Equal((1, 0), (fromPage.Added, fromPage.Updated));
        Assert.All(abstractOnly.Sentences, sentence => Assert.Null(sentence.Page));
        Assert.Equal((0, 1), (fromPdf.Added, fromPdf.Updated));
        Assert.Equal((0, 0, 1), (pageAgain.Added, pageAgain.Updated, pageAgain.Unchanged));
        Assert.Equal((0, 0, 1), (pdfAgain.Added, pdfAgain.Updated, pdfAgain.Unchanged));
        Assert.Equal(1, await index.CountPapersAsync());
        var paper = (await index.GetPaperAsync(PaperIdentity.FromTitle(Title)))!;
        Assert.Equal((15, 12), (paper.Pages, paper.Upvotes));
        Assert.Equal("Kyle Lo", paper.Authors[0]);
        var sentences = (await index.GetSentencesAsync([paper.Id])).Single().Sentences;
        Assert.Contains(sentences, sentence => sentence.Page == 15 && sentence.Section == "F Numeric representations in S2ORC-SciBERT");
        Assert.Equal(Enumerable.Range(0, sentences.Count), sentences.Select(sentence => sentence.Ordinal));
    }

    [Fact]
    public async Task The_page_and_the_pdf_in_one_run_are_one_paper_with_the_full_text()
    {
        await using var index = new EmbeddedPaperIndex(_data.Path);

        var run = await Indexer(index).IndexAsync([Page, Pdf]);

        Assert.Equal((2, 1, 1), (run.Files, run.Papers, run.Added));
        var paper = (await index.GetPaperAsync(PaperIdentity.FromTitle(Title)))!;
        Assert.Equal((15, 12, new DateOnly(2020, 5, 2)), (paper.Pages, paper.Upvotes, paper.Date));
    }

    private static string Comparable(string heading) =>
        string.Join(' ', heading.Replace('’', '\'').ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static PaperIndexer Indexer(EmbeddedPaperIndex index) =>
        new(index, new PaperFileReader(PaperFileReader.DefaultMaxFileBytes), new AbstractChunker(new ApproximateTokenCounter(128)));

    public void Dispose()
    {
        _data.Dispose();
        _files.Dispose();
    }
}
