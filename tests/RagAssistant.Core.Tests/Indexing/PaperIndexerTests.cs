using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Sqlite;

namespace RagAssistant.Core.Tests.Indexing;

public sealed class PaperIndexerTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _papers = new();

    [Fact]
    public async Task The_sample_corpus_indexes_303_papers_and_a_second_run_adds_nothing()
    {
        await using var index = new EmbeddedPaperIndex(_data.Path);
        var indexer = Indexer(index);

        var first = await indexer.IndexAsync([TestRepository.SamplePapers]);
        var second = await indexer.IndexAsync([TestRepository.SamplePapers]);

        Assert.Equal((342, 303, 303, 0), (first.Entries, first.Papers, first.Added, first.Unchanged));
        Assert.Equal((0, 0, 303, 0), (second.Added, second.Updated, second.Unchanged, second.Chunks));
        Assert.Equal(303, await index.CountPapersAsync());
    }

    [Fact]
    public async Task An_edited_abstract_is_updated_and_rebuild_starts_over()
    {
        var file = _papers.File("papers.jsonl", """
            {"title": "Paper One", "abstract": "The first abstract."}
            {"title": "Paper Two", "abstract": "The second abstract."}
            """);
        await using var index = new EmbeddedPaperIndex(_data.Path);
        var indexer = Indexer(index);
        await indexer.IndexAsync([file]);

        File.WriteAllText(file, """
            {"title": "Paper One", "abstract": "The first abstract, corrected."}
            {"title": "Paper Two", "abstract": "The second abstract."}
            {"title": "Paper Three", "abstract": "A third abstract."}
            """);
        var edited = await indexer.IndexAsync([file]);
        var rebuilt = await indexer.IndexAsync([file], rebuild: true);

        Assert.Equal((1, 1, 1), (edited.Added, edited.Updated, edited.Unchanged));
        Assert.Equal((3, 0, 0), (rebuilt.Added, rebuilt.Updated, rebuilt.Unchanged));
        Assert.Equal("The first abstract, corrected.", (await index.GetPaperAsync(PaperIdentity.FromTitle("Paper One")))!.Abstract);
    }

    private static PaperIndexer Indexer(EmbeddedPaperIndex index) =>
        new(index, new PaperFileReader(PaperFileReader.DefaultMaxFileBytes), new AbstractChunker(new ApproximateTokenCounter(128)));

    public void Dispose()
    {
        _data.Dispose();
        _papers.Dispose();
    }
}
