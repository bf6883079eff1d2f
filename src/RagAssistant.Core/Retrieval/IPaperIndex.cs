using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// Where papers, their chunks and vectors live. Two implementations: the embedded on-disk store
/// (default, no server) and Qdrant. Writes are atomic per paper: a reader never sees half a paper.
/// </summary>
public interface IPaperIndex : IAsyncDisposable
{
    /// <summary>Short name for messages and status: "embedded" or "qdrant".</summary>
    string Name { get; }

    /// <summary>
    /// Opens or creates the store for vectors of this signature. A store built by another model or
    /// dimension is refused with <see cref="IndexMismatchException"/>.
    /// </summary>
    Task OpenAsync(EmbeddingSignature signature, CancellationToken cancellationToken = default);

    /// <summary>Paper id → content hash of everything stored, for incremental indexing.</summary>
    Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces whole papers (their old chunks removed).</summary>
    Task UpsertAsync(IReadOnlyList<IndexedPaper> papers, CancellationToken cancellationToken = default);

    /// <summary>Both raw rankings of papers for one query, in one call (one round trip for Qdrant); fusion is Core's.</summary>
    Task<PaperRankings> RankAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>The papers with these ids, in the order asked, missing ids skipped (one round trip).</summary>
    Task<IReadOnlyList<Paper>> GetPapersAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default);

    Task<Paper?> GetPaperAsync(string paperId, CancellationToken cancellationToken = default);

    /// <summary>The sentences and title vectors of these papers, in the order asked, missing ids skipped (one round trip).</summary>
    Task<IReadOnlyList<PaperSentences>> GetSentencesAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default);

    Task<long> CountPapersAsync(CancellationToken cancellationToken = default);

    /// <summary>Every stored paper, in no particular order; for browsing the index (the web app's Papers page).</summary>
    IAsyncEnumerable<Paper> ListPapersAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every paper and the recorded signature, to rebuild the index from scratch; may be called before <see cref="OpenAsync"/>.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
