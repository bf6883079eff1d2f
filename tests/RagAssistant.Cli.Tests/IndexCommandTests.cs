namespace RagAssistant.Cli.Tests;

public sealed class IndexCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("rag-cli-data-").FullName;
    private readonly string _papers = Directory.CreateTempSubdirectory("rag-cli-papers-").FullName;

    [Fact]
    public async Task Indexing_the_sample_corpus_twice_reports_303_papers_then_nothing_added()
    {
        var first = await Index(TestRepository.SamplePapers);
        var second = await Index(TestRepository.SamplePapers);

        Assert.Equal(0, first.ExitCode);
        foreach (var field in new[] { "files", "entries", "papers", "added", "updated", "unchanged", "chunks", "errors", "seconds" })
        {
            Assert.True(first.Json.TryGetProperty(field, out _), $"the JSON summary lacks \"{field}\"");
        }
        Assert.Equal(342, first.Json.GetProperty("entries").GetInt32());
        Assert.Equal(303, first.Json.GetProperty("papers").GetInt32());
        Assert.Equal(303, first.Json.GetProperty("added").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("added").GetInt32());
        Assert.Equal(303, second.Json.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("chunks").GetInt32());
    }

    [Fact]
    public async Task Bad_files_are_listed_with_file_and_line_and_the_good_ones_are_indexed()
    {
        File.WriteAllText(Path.Combine(_papers, "good.jsonl"), """{"title": "Good Paper", "abstract": "About retrieval."}""" + "\n");
        File.WriteAllText(Path.Combine(_papers, "mixed.jsonl"), "{not json}\n" + """{"title": "Also Good", "abstract": "About ranking."}""" + "\n");
        File.WriteAllText(Path.Combine(_papers, "empty.txt"), "");
        var missing = Path.Combine(_papers, "missing.txt");

        var result = await Index(_papers, missing);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Json.GetProperty("papers").GetInt32());
        var errors = result.Json.GetProperty("errors").EnumerateArray()
            .Select(error => (Path.GetFileName(error.GetProperty("file").GetString()), error.GetProperty("line").GetInt32(), error.GetProperty("message").GetString()!))
            .ToList();
        Assert.Contains(errors, error => error is ("mixed.jsonl", 1, var message) && message.Contains("not valid JSON"));
        Assert.Contains(errors, error => error is ("empty.txt", 0, var message) && message.Contains("empty"));
        Assert.Contains(errors, error => error is ("missing.txt", 0, var message) && message.Contains("no such file"));
        Assert.Contains("mixed.jsonl:1: not valid JSON", result.Error);

        var search = await RagCli.RunAsync(["search", "ranking", "--json", "--data-dir", _data], Environment());
        Assert.Equal("Also Good", search.Json.GetProperty("results")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Nothing_indexable_exits_with_1()
    {
        File.WriteAllText(Path.Combine(_papers, "empty.txt"), "");

        var result = await Index(_papers);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(0, result.Json.GetProperty("papers").GetInt32());
    }

    [Fact]
    public async Task Usage_errors_exit_with_2()
    {
        Assert.Equal(2, (await RagCli.RunAsync(["index"])).ExitCode);
        var store = await RagCli.RunAsync(["search", "x", "--store", "elastic"]);
        Assert.Equal(2, store.ExitCode);
        Assert.Contains("--store must be embedded or qdrant", store.Error);
    }

    [Fact]
    public async Task An_unreachable_qdrant_exits_with_3_naming_its_url()
    {
        var environment = Environment();
        environment["Qdrant__Url"] = "http://127.0.0.1:9"; // the discard port: nothing listens there

        var result = await RagCli.RunAsync(["index", TestRepository.SamplePapers, "--store", "qdrant", "--json"], environment);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("http://127.0.0.1:9", result.Error);
    }

    private Task<CliResult> Index(params string[] paths) =>
        RagCli.RunAsync(["index", .. paths, "--json", "--data-dir", _data], Environment());

    /// <summary>BM25 only: these tests are about the command, and the model has its own tests.</summary>
    internal static Dictionary<string, string> Environment() => new() { ["Embeddings__Provider"] = "none" };

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_papers, recursive: true);
    }
}
