using RagAssistant.Core.Retrieval;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The in-memory indexes of one store epoch: the papers, BM25 postings, and dense search — exact below the
/// threshold, the graph from it on. <see cref="LiveSearchIndex"/> reads the changes and serialises the writes;
/// this class only holds and applies them.
/// </summary>
internal sealed class SearchState(StoreChanges.Head head, int exactBelowChunks, StoredChunkVectors stored) : IDisposable
{
    /// <summary>A state that starts from saved papers and postings (<see cref="SearchStateFile"/>).</summary>
    public SearchState(StoreChanges.Head head, int exactBelowChunks, StoredChunkVectors stored, PaperSlots papers, Bm25Postings postings)
        : this(head, exactBelowChunks, stored)
    {
        (Papers, Postings) = (papers, postings);
        if (Dimension == 0) return;
        for (var slot = 0; slot < papers.Count; slot++)
        {
            if (papers.IsLive(slot)) LiveVectors += papers.ChunksOf(slot);
        }
    }

    /// <summary>Retired slots beyond this share of all slots make the next refresh load everything afresh.</summary>
    private const double RetiredShareBeforeReload = 0.25;

    public string Epoch { get; } = head.Epoch;

    public int Dimension { get; } = head.Dimension;

    public PaperSlots Papers { get; } = new();

    public Bm25Postings Postings { get; } = new();

    /// <summary>Papers added or retired since the papers and postings were loaded from or saved to their file.</summary>
    public long UnsavedPapers { get; set; }

    public ExactDenseIndex? Exact { get; private set; } = head.Dimension > 0 ? new ExactDenseIndex(head.Dimension) : null;

    public GraphDenseIndex? Graph { get; private set; }

    /// <summary>Chunk vectors of live papers.</summary>
    public long LiveVectors { get; private set; }

    /// <summary>Graph vectors added since the graph was loaded or last saved.</summary>
    public long UnsavedVectors { get; set; }

    /// <summary>Set when a change failed half-way or too many slots are retired: the next refresh loads everything.</summary>
    public bool NeedsReload { get; set; }

    public bool UsesGraph => Graph is not null;

    /// <summary>Whether a store of this many chunk vectors is searched through the graph.</summary>
    public bool WantsGraph(long vectors) => Dimension > 0 && vectors >= exactBelowChunks;

    /// <summary>Adds a paper version; its earlier version, if this state holds one, is retired first.</summary>
    public int Add(StoreChanges.ChangedPaper paper)
    {
        if (Papers.SlotOf(paper.Id) is var old and >= 0) Retire(old);
        var slot = Papers.Append(paper.Id, paper.Version, paper.Date, paper.Chunks, paper.FirstChunkRow, paper.LastChunkRow);
        Postings.Add(slot, paper.Terms);
        if (Dimension > 0) LiveVectors += paper.Chunks;
        UnsavedPapers++;
        return slot;
    }

    /// <summary>Retires a paper version the store no longer holds.</summary>
    public void Retire(int slot)
    {
        if (!Papers.IsLive(slot)) return;
        UnsavedPapers++;
        Papers.Retire(slot);
        Postings.Retire(slot);
        if (Dimension > 0) LiveVectors -= Papers.ChunksOf(slot);
        Graph?.Graph.Remove(Papers.VersionOf(slot), Papers.ChunksOf(slot));
        if (Papers.Retired > RetiredShareBeforeReload * Papers.Count) NeedsReload = true;
    }

    /// <summary>Makes the graph the dense index (built from the exact vectors when the store outgrew them).</summary>
    public void UseGraph(GraphDenseIndex graph)
    {
        Graph = graph;
        Exact = null;
    }

    public IReadOnlyList<RankedPaper> RankSparse(SearchQuery query) =>
        query.Terms.IsEmpty ? [] : Postings.Rank(query, Papers);

    public IReadOnlyList<RankedPaper> RankDense(SearchQuery query)
    {
        if (query.Vector is not { } vector || vector.Length != Dimension || Dimension == 0) return [];
        if (Exact is not null) return Exact.Rank(vector.Span, query, Papers);
        if (Graph is null) return [];
        // A date filter that leaves few papers is answered exactly from SQLite: a graph search would have to wade
        // through many papers it must pass over.
        if (PaperSlots.IsFiltered(query) && AdmittedSlots(query, exactBelowChunks) is { } few)
        {
            return Graph.Exact(vector.Span, query, Papers, few);
        }
        return Graph.Rank(vector.Span, query, Papers);
    }

    /// <summary>The slots the filter admits, or null when their vectors number <paramref name="limit"/> or more.</summary>
    private List<int>? AdmittedSlots(SearchQuery query, long limit)
    {
        var slots = new List<int>();
        long vectors = 0;
        for (var slot = 0; slot < Papers.Count; slot++)
        {
            if (!Papers.Admits(slot, query)) continue;
            slots.Add(slot);
            if ((vectors += Papers.ChunksOf(slot)) >= Math.Max(limit, 1)) return null;
        }
        return slots;
    }

    public void Dispose() => Graph?.Dispose();

    /// <summary>The stamp a graph saved from this state carries.</summary>
    public GraphFile.Stamp GraphStamp => new(Epoch, Dimension, Papers.LastVersion);

    public StoredChunkVectors Stored => stored;
}
