using Microsoft.Data.Sqlite;
using RagAssistant.Cli.Tests;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;
using RagAssistant.Sqlite;

namespace RagAssistant.Reliability.Tests.Load;

/// <summary>
/// Two indexers (as the app's uploads and a `rag index` run would be) write the same embedded store while searches run
/// against it, through the writer's own index object and through a separate one: nothing throws, searches only ever see
/// whole papers, counts never go backwards, and afterwards SQLite finds the file intact with every paper complete.
/// </summary>
public sealed class ConcurrentIndexingTests(ITestOutputHelper output) : IDisposable
{
    private const int SciFactPapers = 5183;
    private const int SamplePapers = 303;

    private readonly string _data = Directory.CreateTempSubdirectory("rag-concurrent-").FullName;

    [Fact]
    public async Task Indexing_twice_at_once_while_searching_leaves_an_intact_complete_index()
    {
        var shared = new EmbeddedPaperIndex(_data);
        var other = new EmbeddedPaperIndex(_data);
        var scifact = Indexer(shared);
        var sample = Indexer(other);

        var writers = Task.WhenAll(
            Task.Run(() => scifact.IndexAsync([TestRepository.SciFactCorpus])),
            Task.Run(() => sample.IndexAsync([TestRepository.SamplePapers])));
        var readers = new[] { shared, new EmbeddedPaperIndex(_data), shared }
            .Select((index, i) => Task.Run(() => SearchUntilAsync(index, i, writers)))
            .ToList();

        var summaries = await writers;
        var searches = await Task.WhenAll(readers);
        output.WriteLine($"{searches.Sum()} searches ran while {summaries.Sum(s => s.Added)} papers were written by two indexers");

        Assert.Equal(SciFactPapers, summaries[0].Added);
        Assert.Equal(SamplePapers, summaries[1].Added);
        Assert.All(searches, count => Assert.True(count > 0));
        Assert.Equal("ok", Scalar("PRAGMA integrity_check"));
        Assert.Equal(SciFactPapers + SamplePapers, (long)Scalar("SELECT COUNT(*) FROM papers"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM papers p WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.paper_id = p.id)"));
        // And it is the index a re-run expects: nothing left to add.
        var again = await Indexer(new EmbeddedPaperIndex(_data)).IndexAsync([TestRepository.SciFactCorpus]);
        Assert.Equal(0, again.Added + again.Updated);
    }

    private static async Task<int> SearchUntilAsync(EmbeddedPaperIndex index, int reader, Task writers)
    {
        var search = new PaperSearch(new PaperRetriever(index));
        string[] questions = ["protein structure", "neural networks", "vitamin D deficiency", "language models", "cancer cells"];
        long lastCount = 0;
        var searches = 0;
        do
        {
            var hits = await search.SearchAsync(questions[searches % questions.Length], top: 10);
            Assert.All(hits, hit => Assert.False(string.IsNullOrWhiteSpace(hit.Paper.Title) || string.IsNullOrWhiteSpace(hit.Paper.Abstract)));
            var count = await index.CountPapersAsync();
            Assert.True(count >= lastCount, $"reader {reader} saw the paper count go back from {lastCount} to {count}");
            lastCount = count;
            searches++;
            // A search of this small store can complete without ever leaving its thread, and its continuations then
            // queue on that thread's own work queue: without a yield to the pool's shared queue, the readers can keep
            // the writers' work waiting there for good and the test never ends.
            await Task.Yield();
        }
        while (!writers.IsCompleted);
        return searches;
    }

    private static PaperIndexer Indexer(EmbeddedPaperIndex index) =>
        new(index, new PaperFileReader(PaperFileReader.DefaultMaxFileBytes), new AbstractChunker(new ApproximateTokenCounter(512)));

    private object Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, EmbeddedPaperIndex.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
