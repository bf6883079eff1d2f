using RagAssistant.Core.Ingestion;

namespace RagAssistant.Core.Tests.Ingestion;

/// <summary>Every kind of bad input is reported with its file and line, and the good papers beside it survive.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string GoodPage = """
        Daily Papers

        Mar 3

        A Good Paper About Protein Folding

        We study how proteins fold into their native structures and propose a new model that learns folding pathways from molecular dynamics trajectories. Our experiments show that the learned pathways agree with laboratory measurements across many protein families and improve on earlier simulation methods.

          • 4 authors
        ·
        Feb 2, 2024
        """;

    private readonly TempDirectory _folder = new();
    private readonly PaperFileReader _reader = new(maxFileBytes: 1024 * 1024);

    [Fact]
    public void An_empty_file_is_reported_and_the_good_file_is_still_read()
    {
        var result = Read(("empty.txt", ""), ("good.txt", GoodPage));
        AssertError(result, "empty.txt", 0, "empty");
        Assert.Equal("A Good Paper About Protein Folding", Assert.Single(result.Papers).Title);
    }

    [Fact]
    public void A_binary_file_is_reported_as_not_text()
    {
        File.WriteAllBytes(Path.Combine(_folder.Path, "figure.txt"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A, 0xFF]);
        var result = Read(("good.txt", GoodPage));
        AssertError(result, "figure.txt", 0, "binary");
        Assert.Single(result.Papers);
    }

    [Fact]
    public void A_jsonl_line_that_is_not_json_is_reported_by_line_and_its_neighbours_are_kept()
    {
        var result = Read(("papers.jsonl", """
            {"title": "First Paper", "abstract": "An abstract about graph neural networks for molecules."}
            {"title": "Broken Paper", "abstract": "missing the closing brace"
            {"_id": "beir-7", "title": "Third Paper", "text": "An abstract about sparse retrieval with BM25."}
            """));
        AssertError(result, "papers.jsonl", 2, "not valid JSON");
        Assert.Equal(["First Paper", "Third Paper"], result.Papers.Select(paper => paper.Title));
        Assert.Equal("beir-7", result.Papers[1].Id);
    }

    [Fact]
    public void A_page_entry_with_a_title_and_no_abstract_is_reported_at_its_title_line()
    {
        var result = Read(("page.txt", """
            Daily Papers

            Mar 3

            A Title Whose Abstract Went Missing

              • 2 authors
            ·
            Jan 5, 2024

            """ + "\n" + GoodPage.Split('\n', 4)[3]));
        AssertError(result, "page.txt", 5, "has a title but no abstract");
        Assert.Equal("A Good Paper About Protein Folding", Assert.Single(result.Papers).Title);
    }

    [Fact]
    public void A_jsonl_entry_with_a_title_and_no_abstract_is_reported()
    {
        var result = Read(("papers.jsonl", """
            {"title": "Only A Title"}
            {"title": "Complete", "abstract": "Something about diffusion models.", "date": "2024-05-01", "authors": ["A", "B"], "url": "https://example.org/p"}
            """));
        AssertError(result, "papers.jsonl", 1, "no \"abstract\"");
        var paper = Assert.Single(result.Papers);
        Assert.Equal(new DateOnly(2024, 5, 1), paper.Date);
        Assert.Equal(2, paper.AuthorCount);
        Assert.Equal("https://example.org/p", paper.Url);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_skipped_with_the_limit_named()
    {
        // 50 MB against the default 16 MB limit, as the issue asks; written sparse, so it costs no disk.
        var huge = Path.Combine(_folder.Path, "huge.jsonl");
        using (var stream = File.Create(huge)) stream.SetLength(50L * 1024 * 1024);
        File.WriteAllText(Path.Combine(_folder.Path, "good.txt"), GoodPage);

        var result = new PaperFileReader(PaperFileReader.DefaultMaxFileBytes).Read([_folder.Path]);
        AssertError(result, "huge.jsonl", 0, "50 MB, over the 16 MB limit");
        Assert.Single(result.Papers);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_reported_and_the_other_paths_are_read()
    {
        var good = _folder.File("good.txt", GoodPage);
        var missing = Path.Combine(_folder.Path, "nowhere", "papers.jsonl");
        var result = _reader.Read([missing, good]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(missing, error.File);
        Assert.Contains("no such file", error.Message);
        Assert.Single(result.Papers);
    }

    [Fact]
    public void A_ten_kilobyte_id_is_refused_by_field_and_line_and_its_neighbours_are_kept()
    {
        var longId = new string('x', 10_240);
        var result = Read(("papers.jsonl", $$"""
            {"_id": "ok-1", "title": "First Paper", "text": "An abstract about graph neural networks for molecules."}
            {"_id": "{{longId}}", "title": "Second Paper", "text": "An abstract about sparse retrieval with BM25."}
            {"_id": "ok-3", "title": "Third Paper", "text": "An abstract about protein folding pathways."}
            """));
        AssertError(result, "papers.jsonl", 2, "the id (\"_id\") is 10,240 characters, over the limit of 256");
        Assert.Equal(["ok-1", "ok-3"], result.Papers.Select(paper => paper.Id));
    }

    [Fact]
    public void A_file_of_garbage_lists_twenty_problems_and_counts_the_rest()
    {
        var garbage = string.Join('\n', Enumerable.Range(0, 5_000).Select(i => $"garbage line {i} {{"));
        var result = Read(("garbage.jsonl", garbage), ("good.txt", GoodPage));
        var fromGarbage = result.Errors.Where(error => Path.GetFileName(error.File) == "garbage.jsonl").ToList();
        Assert.Equal(PaperLimits.MaxErrorsPerFile + 1, fromGarbage.Count);
        Assert.Equal(Enumerable.Range(1, PaperLimits.MaxErrorsPerFile), fromGarbage.Take(PaperLimits.MaxErrorsPerFile).Select(error => error.Line));
        AssertError(result, "garbage.jsonl", 0, "4980 more problems in this file not listed");
        Assert.Single(result.Papers);
    }

    private IngestionResult Read(params (string Name, string Contents)[] files)
    {
        foreach (var (name, contents) in files) _folder.File(name, contents);
        return _reader.Read([_folder.Path]);
    }

    private static void AssertError(IngestionResult result, string fileName, int line, string message)
    {
        Assert.Contains(result.Errors, error =>
            Path.GetFileName(error.File) == fileName && error.Line == line && error.Message.Contains(message, StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
