using System.Text.RegularExpressions;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Ingestion.Pdf;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Tests.Ingestion;

/// <summary>The committed papers read as a person reads them (eval/pdf-labels.json), and every hostile file refused by name.</summary>
public sealed partial class PdfIngestionTests
{
    private static readonly PaperFileReader Reader = new(PaperFileReader.DefaultMaxFileBytes);

    [Theory]
    [MemberData(nameof(PdfLabels.PaperFiles), MemberType = typeof(PdfLabels))]
    public void A_paper_reads_as_labelled_by_hand(string file)
    {
        var label = PdfLabels.Load().Papers.Single(paper => paper.File == file);

        var parsed = Reader.ReadFile(Path.Combine(TestRepository.PdfPapers, file), file);

        Assert.Empty(parsed.Errors);
        var paper = Assert.Single(parsed.Entries);
        Assert.Equal(label.Title, paper.Title);
        Assert.Equal(label.AbstractFirstSentence, SentenceSplitter.Split(paper.Abstract)[0]);
        Assert.Equal(label.AuthorSurnames, paper.Authors.Select(name => name.Split(' ')[^1]));
        Assert.Equal(label.Pages, paper.Pages);
        // The reference list is not indexed; small capitals carry no case, so headings compare without it.
        Assert.Equal(
            label.Headings.Where(heading => heading != "References").Select(Comparable),
            paper.Body!.Sections.Select(section => Comparable(section.Heading)));
    }

    [Theory]
    [MemberData(nameof(PdfLabels.PaperFiles), MemberType = typeof(PdfLabels))]
    public void Every_passage_of_the_body_knows_its_page_and_pages_only_go_forward(string file)
    {
        var paper = Reader.ReadFile(Path.Combine(TestRepository.PdfPapers, file), file).Entries.Single();

        var pages = paper.Body!.Sections.SelectMany(section => section.Text).Select(run => run.Page).ToList();

        Assert.All(pages, page => Assert.InRange(page, 1, paper.Pages!.Value));
        Assert.Equal(pages.Order(), pages);
        // Running text, not layout debris: most of the body is in sentences of ordinary length.
        var words = paper.Body.Sections.SelectMany(section => section.Text).Sum(run => run.Text.Split(' ').Length);
        Assert.True(words > 2_500 * paper.Pages!.Value / 10, $"{file}: only {words} words of body text");
    }

    [Theory]
    [MemberData(nameof(PdfLabels.HostileFiles), MemberType = typeof(PdfLabels))]
    public void A_hostile_file_is_one_error_that_names_it(string file, string reason)
    {
        var parsed = Reader.ReadFile(Path.Combine(TestRepository.PdfPapers, file), Path.GetFileName(file));

        Assert.Empty(parsed.Entries);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(Path.GetFileName(file), error.File);
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_folder_of_papers_and_hostile_files_gives_every_paper_and_one_error_per_hostile_file()
    {
        var result = Reader.Read([TestRepository.PdfPapers]);

        Assert.Equal(7, result.Files);
        Assert.Equal(PdfLabels.Load().Papers.Select(paper => paper.Title).Order(), result.Papers.Select(paper => paper.Title).Order());
        Assert.Equal(4, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.Contains($"{Path.DirectorySeparatorChar}hostile{Path.DirectorySeparatorChar}", error.File));
    }

    [Fact]
    public void An_arxiv_id_as_the_file_name_becomes_the_papers_link_and_its_id_stays_its_titles()
    {
        using var folder = new TempDirectory();
        var copy = Path.Combine(folder.Path, "2301.13298v2.pdf");
        File.Copy(Path.Combine(TestRepository.PdfPapers, "2023.eacl-main.121.pdf"), copy);

        var paper = Reader.ReadFile(copy).Entries.Single();

        Assert.Equal("https://arxiv.org/abs/2301.13298", paper.Url);
        Assert.Equal(PaperIdentity.FromTitle("LongEval: Guidelines for Human Evaluation of Faithfulness in Long-form Summarization"), paper.Id);
    }

    [Theory]
    [InlineData("arXiv:2206.10883v3 [cs.CL] 22 Jul 2022", "2206.10883", "2022-07-22")]
    [InlineData("arXiv:hep-th/9901001v1  [hep-th]  4 Jan 1999", "hep-th/9901001", "1999-01-04")]
    public void Arxivs_margin_stamp_gives_the_id_and_date(string stamp, string id, string date)
    {
        Assert.Equal((id, DateOnly.Parse(date)), ArxivId.FromStamp($"some text {stamp} more"));
    }

    [Fact]
    public void An_arxiv_id_cited_in_the_text_is_not_the_papers_own()
    {
        Assert.Null(ArxivId.FromStamp("as shown by Smith et al. (arXiv:2106.09685) and others"));
    }

    [Fact]
    public void Body_chunks_follow_the_abstracts_stay_within_one_section_and_give_each_sentence_the_page_it_starts_on()
    {
        var paper = new Paper("p", "A title", "One abstract sentence. Another one.", null, null, null, null, new SourceLocation("p.pdf", 1))
        {
            Pages = 3,
            Body = new PaperBody([
                new BodySection("1 Introduction", [new PageText(1, "First page sentence. A sentence that runs over the"), new PageText(2, "page break. Second page sentence.")]),
                new BodySection("2 Method", [new PageText(3, "Method sentence.")]),
            ]),
        };

        var chunks = new AbstractChunker(new ApproximateTokenCounter(128)).Chunk(paper);

        Assert.Null(chunks[0].Place);
        Assert.Equal(["One abstract sentence.", "Another one."], chunks[0].Sentences);
        Assert.Equal(["First page sentence.", "A sentence that runs over the page break.", "Second page sentence."], chunks[1].Sentences);
        Assert.Equal("1 Introduction", chunks[1].Place!.Section);
        Assert.Equal([1, 1, 2], chunks[1].Place!.Pages);
        Assert.Equal(("2 Method", 3), (chunks[2].Place!.Section, chunks[2].Place!.Pages.Single()));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(chunk => chunk.Ordinal));
    }

    private static string Comparable(string heading) =>
        Whitespace().Replace(heading.Replace('’', '\'').ToLowerInvariant(), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
