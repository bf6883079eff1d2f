using System.Threading.Channels;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Indexing;

/// <summary>
/// Writes prepared batches to the store in the background, one write at a time, while the next batches are embedded.
/// Batches that became ready during a write go together in the next one (up to <see cref="MaxPapersPerWrite"/>): when
/// the model is the slow part every batch is written as soon as it is embedded, and when it is fast (nothing to embed,
/// a benchmark) the store gets large writes it can split and send several at a time. Every paper is written whole,
/// so how batches are grouped changes nothing a reader or a re-run after a crash can see.
/// </summary>
internal sealed class PaperWriter
{
    /// <summary>The most papers in one write; also how far embedding may run ahead of the store (in papers).</summary>
    public const int MaxPapersPerWrite = 512;

    private readonly Channel<IReadOnlyList<IndexedPaper>> _ready;
    private readonly Task _writing;

    public PaperWriter(IPaperIndex index, int batchSize, Action<int> written, CancellationToken cancellationToken)
    {
        _ready = Channel.CreateBounded<IReadOnlyList<IndexedPaper>>(
            new BoundedChannelOptions(Math.Max(1, MaxPapersPerWrite / batchSize)) { SingleReader = true, SingleWriter = true });
        _writing = WriteAllAsync(index, written, cancellationToken);
    }

    /// <summary>Queues a batch; waits while the store is behind. Throws the store's error once a write has failed.</summary>
    public async Task AddAsync(IReadOnlyList<IndexedPaper> batch, CancellationToken cancellationToken) =>
        await _ready.Writer.WriteAsync(batch, cancellationToken);

    /// <summary>Writes what is queued and waits for it; rethrows a failed write's error.</summary>
    public async Task CompleteAsync()
    {
        _ready.Writer.TryComplete();
        await _writing;
    }

    private async Task WriteAllAsync(IPaperIndex index, Action<int> written, CancellationToken cancellationToken)
    {
        try
        {
            while (await _ready.Reader.WaitToReadAsync(cancellationToken))
            {
                var papers = new List<IndexedPaper>();
                while (papers.Count < MaxPapersPerWrite && _ready.Reader.TryRead(out var batch)) papers.AddRange(batch);
                await index.UpsertAsync(papers, cancellationToken);
                written(papers.Count);
            }
        }
        catch (Exception exception)
        {
            // Stops the embedding side at its next AddAsync, with this error, instead of letting it wait for a reader that is gone.
            _ready.Writer.TryComplete(exception);
            throw;
        }
    }
}
