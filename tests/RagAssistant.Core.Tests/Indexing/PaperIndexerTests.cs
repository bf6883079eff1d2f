using Microsoft.Extensions.AI;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
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

    [Fact]
    public async Task Batches_embedded_while_the_store_was_busy_go_to_it_in_one_write()
    {
        await using var embedded = new EmbeddedPaperIndex(_data.Path);
        var firstWriteStarted = new TaskCompletionSource();
        var lastBatchEmbedding = new TaskCompletionSource();
        var index = new RecordingIndex(embedded, before: write =>
        {
            if (write > 1) return Task.CompletedTask;
            firstWriteStarted.SetResult();
            return lastBatchEmbedding.Task; // the store is busy with batch 1 while batches 2–5 (303 papers in all) are embedded
        });
        using var embedder = new ConstantEmbedder(onBatch: batch =>
        {
            if (batch == 5) lastBatchEmbedding.SetResult();
            return batch == 2 ? firstWriteStarted.Task : Task.CompletedTask;
        });

        var summary = await Indexer(index, embedder).IndexAsync([TestRepository.SamplePapers]);

        Assert.Equal(303, summary.Added);
        Assert.Equal(PaperIndexer.BatchSize, index.Writes[0]);
        Assert.True(index.Writes[1] >= 3 * PaperIndexer.BatchSize, $"writes: {string.Join(", ", index.Writes)}"); // batches 2–4 at least
        Assert.Equal(303, index.Writes.Sum());
        Assert.Equal(303, await embedded.CountPapersAsync());
    }

    [Fact]
    public async Task A_failing_write_stops_the_run_with_the_stores_error_and_keeps_what_was_written()
    {
        await using var embedded = new EmbeddedPaperIndex(_data.Path);
        var firstWriteDone = new TaskCompletionSource();
        var index = new RecordingIndex(embedded, before: write =>
        {
            if (write == 2) throw new IOException("disk full");
            return Task.CompletedTask;
        }, after: _ => firstWriteDone.TrySetResult());
        // Batch 2 is embedded only once batch 1 is stored, so the second write is the one that fails.
        using var embedder = new ConstantEmbedder(onBatch: batch => batch == 2 ? firstWriteDone.Task : Task.CompletedTask);

        var error = await Assert.ThrowsAsync<IOException>(() => Indexer(index, embedder).IndexAsync([TestRepository.SamplePapers]));

        Assert.Equal("disk full", error.Message);
        Assert.Equal(PaperIndexer.BatchSize, await embedded.CountPapersAsync());
        var rerun = await Indexer(embedded, embedder).IndexAsync([TestRepository.SamplePapers]);
        Assert.Equal(303 - PaperIndexer.BatchSize, rerun.Added);
    }

    private static PaperIndexer Indexer(IPaperIndex index, IEmbeddingGenerator<string, Embedding<float>>? embedder = null) =>
        new(index, new PaperFileReader(PaperFileReader.DefaultMaxFileBytes), new AbstractChunker(new ApproximateTokenCounter(128)), embedder);

    /// <summary>The embedded store, with the size of every write recorded and a hook before each (numbered from 1).</summary>
    private sealed class RecordingIndex(EmbeddedPaperIndex inner, Func<int, Task> before, Action<int>? after = null) : IPaperIndex
    {
        public List<int> Writes { get; } = [];

        public string Name => inner.Name;

        public async Task UpsertAsync(IReadOnlyList<IndexedPaper> papers, CancellationToken cancellationToken = default)
        {
            await before(Writes.Count + 1);
            await inner.UpsertAsync(papers, cancellationToken);
            Writes.Add(papers.Count);
            after?.Invoke(Writes.Count);
        }

        public Task OpenAsync(EmbeddingSignature signature, CancellationToken cancellationToken = default) => inner.OpenAsync(signature, cancellationToken);
        public Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(CancellationToken cancellationToken = default) => inner.GetContentHashesAsync(cancellationToken);
        public Task<PaperRankings> RankAsync(SearchQuery query, CancellationToken cancellationToken = default) => inner.RankAsync(query, cancellationToken);
        public Task<IReadOnlyList<Paper>> GetPapersAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default) => inner.GetPapersAsync(paperIds, cancellationToken);
        public Task<Paper?> GetPaperAsync(string paperId, CancellationToken cancellationToken = default) => inner.GetPaperAsync(paperId, cancellationToken);
        public Task<IReadOnlyList<PaperSentences>> GetSentencesAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default) => inner.GetSentencesAsync(paperIds, cancellationToken);
        public Task<long> CountPapersAsync(CancellationToken cancellationToken = default) => inner.CountPapersAsync(cancellationToken);
        public IAsyncEnumerable<Paper> ListPapersAsync(CancellationToken cancellationToken = default) => inner.ListPapersAsync(cancellationToken);
        public Task ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>The same unit vector for every text; tells which batch (from 1) it is embedding, and waits for the task it gets back.</summary>
    private sealed class ConstantEmbedder(Func<int, Task> onBatch) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly EmbeddingGeneratorMetadata _metadata = new("test", defaultModelId: "constant", defaultModelDimensions: 4);
        private int _batches;

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await onBatch(Interlocked.Increment(ref _batches));
            return new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(new float[] { 1, 0, 0, 0 })));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;

        public void Dispose()
        {
        }
    }

    public void Dispose()
    {
        _data.Dispose();
        _papers.Dispose();
    }
}
