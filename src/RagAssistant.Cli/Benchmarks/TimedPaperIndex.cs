using System.Diagnostics;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// A store as the benchmark sees it: the time spent writing (so upsert throughput leaves the model and the reader
/// out), the last query the search sent, so a bare store query can be timed with exactly the same input, and how
/// long the last search spent in each of its two store calls.
/// </summary>
internal sealed class TimedPaperIndex(IPaperIndex inner) : IPaperIndex
{
    private long _upsertTicks;
    private long _upserted;

    public TimeSpan UpsertTime => TimeSpan.FromTicks(Interlocked.Read(ref _upsertTicks));

    /// <summary>Papers written; one Qdrant point each.</summary>
    public long Upserted => Interlocked.Read(ref _upserted);

    public SearchQuery? LastQuery { get; private set; }

    /// <summary>How long the last search waited for the rankings, and for the papers that survived the cut.</summary>
    public (TimeSpan Rank, TimeSpan Fetch) LastSearchCalls => (_lastRank, _lastFetch);

    private TimeSpan _lastRank;
    private TimeSpan _lastFetch;

    public string Name => inner.Name;

    public Task OpenAsync(EmbeddingSignature signature, CancellationToken cancellationToken = default) => inner.OpenAsync(signature, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(CancellationToken cancellationToken = default) =>
        inner.GetContentHashesAsync(cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<IndexedPaper> papers, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        await inner.UpsertAsync(papers, cancellationToken);
        Interlocked.Add(ref _upsertTicks, stopwatch.Elapsed.Ticks);
        Interlocked.Add(ref _upserted, papers.Count);
    }

    public async Task<PaperRankings> RankAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        LastQuery = query;
        var stopwatch = Stopwatch.StartNew();
        var rankings = await inner.RankAsync(query, cancellationToken);
        _lastRank = stopwatch.Elapsed;
        return rankings;
    }

    public async Task<IReadOnlyList<Paper>> GetPapersAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var papers = await inner.GetPapersAsync(paperIds, cancellationToken);
        _lastFetch = stopwatch.Elapsed;
        return papers;
    }

    public Task<Paper?> GetPaperAsync(string paperId, CancellationToken cancellationToken = default) => inner.GetPaperAsync(paperId, cancellationToken);

    public Task<IReadOnlyList<PaperSentences>> GetSentencesAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default) =>
        inner.GetSentencesAsync(paperIds, cancellationToken);

    public Task<long> CountPapersAsync(CancellationToken cancellationToken = default) => inner.CountPapersAsync(cancellationToken);

    public IAsyncEnumerable<Paper> ListPapersAsync(CancellationToken cancellationToken = default) => inner.ListPapersAsync(cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
