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
/// written in batches, each atomically, so an interrupted run is completed by the next. The embedder's own
/// <see cref="IChunkEncoder"/> (the local model's one-pass pooling) is used when it offers one, and each sentence's role is
/// classified from its vector when a <see cref="ISentenceRoleClassifier"/> serves the embedder.
/// </summary>
public sealed class PaperIndexer(
    IPaperIndex index,
    PaperFileReader reader,
    AbstractChunker chunker,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
    ISentenceRoleClassifier? roles = null)
{
    private readonly IChunkEncoder? _encoder = embedder is null ? null : embedder.GetService<IChunkEncoder>() ?? new SeparateTextsChunkEncoder(embedder);

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

        var changed = await FullTextPrecedence.ReconcileAsync(
            index, [.. ingestion.Papers.Where(paper => stored.GetValueOrDefault(paper.Id) != paper.ContentHash)], stored, cancellationToken);
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
        var encoded = _encoder is null ? [] : await _encoder.EncodeAsync([.. chunked.SelectMany(entry => entry.chunks)], cancellationToken);

        var prepared = new List<IndexedPaper>(papers.Count);
        var offset = 0;
        foreach (var (paper, chunks) in chunked)
        {
            var terms = Bm25Encoder.EncodeDocument($"{paper.Title}\n{paper.Abstract}");
            if (_encoder is null)
            {
                prepared.Add(new IndexedPaper(paper, chunks, [], terms, PaperSentences.Unembedded(paper.Id, chunks)));
                continue;
            }
            var paperChunks = encoded.Skip(offset).Take(chunks.Count).ToList();
            offset += chunks.Count;
            prepared.Add(new IndexedPaper(paper, chunks, [.. paperChunks.Select(chunk => chunk.Vector)], terms, Sentences(paper, chunks, paperChunks)));
        }
        if (roles is null || prepared.Count == 0) return prepared;
        var classified = roles.Classify([.. prepared.Select(paper => paper.Sentences)]);
        return [.. prepared.Select((paper, i) => paper with { Sentences = classified[i] })];
    }

    /// <summary>The paper's sentences across its chunks, numbered in order, and its title's vector from the first chunk.</summary>
    private static PaperSentences Sentences(Paper paper, IReadOnlyList<Chunk> chunks, IReadOnlyList<EncodedChunk> encoded)
    {
        var sentences = chunks
            .SelectMany((chunk, c) => chunk.Sentences.Select((_, s) => (chunk, s, vector: encoded[c].SentenceVectors[s])))
            .Select((sentence, ordinal) => PaperSentence.Of(sentence.chunk, sentence.s, ordinal, sentence.vector))
            .ToList();
        return new PaperSentences(paper.Id, encoded.Count > 0 ? encoded[0].TitleVector : ReadOnlyMemory<float>.Empty, sentences);
    }
}
