using System.Diagnostics;
using Microsoft.Extensions.AI;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Indexing;

/// <summary>
/// Reads papers, and chunks, embeds and stores only those that are new or changed. Papers are
/// written in batches, each atomically, so an interrupted run is completed by the next.
/// </summary>
public sealed class PaperIndexer(
    IPaperIndex index,
    PaperFileReader reader,
    AbstractChunker chunker,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    /// <summary>Papers embedded together; the store's writes may group several batches (<see cref="PaperWriter"/>).</summary>
    public const int BatchSize = 64;

    public async Task<IndexSummary> IndexAsync(
        IEnumerable<string> paths, bool rebuild = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var ingestion = reader.Read(paths);
        return await IndexAsync(ingestion, stopwatch, rebuild, progress, cancellationToken);
    }

    public async Task<IndexSummary> IndexAsync(
        IngestionResult ingestion, Stopwatch stopwatch, bool rebuild = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (rebuild) await index.ClearAsync(cancellationToken);
        await index.OpenAsync(await EmbeddingSignature.OfAsync(embedder, cancellationToken), cancellationToken);
        var stored = await index.GetContentHashesAsync(cancellationToken);

        var changed = ingestion.Papers.Where(paper => stored.GetValueOrDefault(paper.Id) != paper.ContentHash).ToList();
        var added = changed.Count(paper => !stored.ContainsKey(paper.Id));
        var chunks = 0;
        progress?.Report(new IndexProgress(0, changed.Count));

        var done = 0;
        var writer = new PaperWriter(index, BatchSize, written =>
        {
            done += written;
            progress?.Report(new IndexProgress(done, changed.Count));
        }, cancellationToken);
        try
        {
            foreach (var batch in changed.Chunk(BatchSize))
            {
                var prepared = await PrepareAsync(batch, cancellationToken);
                await writer.AddAsync(prepared, cancellationToken);
                chunks += prepared.Sum(paper => paper.Chunks.Count);
            }
        }
        finally
        {
            // Also after a failed embedding: what is already prepared is still written, so the next run has less to do.
            await writer.CompleteAsync();
        }

        return new IndexSummary(
            ingestion.Files,
            ingestion.Entries,
            ingestion.Papers.Count,
            added,
            changed.Count - added,
            ingestion.Papers.Count - changed.Count,
            chunks,
            ingestion.Errors,
            stopwatch.Elapsed.TotalSeconds);
    }

    private async Task<IReadOnlyList<IndexedPaper>> PrepareAsync(IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var chunked = papers.Select(paper => (paper, chunks: chunker.Chunk(paper))).ToList();
        var vectors = embedder is null
            ? []
            : (await embedder.GenerateAsync(chunked.SelectMany(entry => entry.chunks.Select(chunk => chunk.Text)), cancellationToken: cancellationToken))
                .Select(embedding => embedding.Vector)
                .ToList();

        var prepared = new List<IndexedPaper>(papers.Count);
        var offset = 0;
        foreach (var (paper, chunks) in chunked)
        {
            IReadOnlyList<ReadOnlyMemory<float>> paperVectors = embedder is null ? [] : vectors.GetRange(offset, chunks.Count);
            offset += chunks.Count;
            prepared.Add(new IndexedPaper(paper, chunks, paperVectors, Bm25Encoder.EncodeDocument($"{paper.Title}\n{paper.Abstract}")));
        }
        return prepared;
    }
}
