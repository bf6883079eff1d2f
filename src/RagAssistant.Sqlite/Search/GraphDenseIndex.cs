using System.Buffers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// Dense ranking from the HNSW graph: the graph's nearest chunks, folded to papers by their best approximate
/// cosine, then the most promising papers scored exactly from SQLite (every chunk of each, in f32), so every score
/// returned is the exact cosine of the paper's best chunk; only which papers are found is approximate.
/// </summary>
/// <param name="searchBreadth">
/// How many chunks the graph is asked for (HNSW's ef, since USearch walks at least that wide); 0 lets it grow with the
/// graph (<see cref="EmbeddedSearchOptions.GraphSearchBreadth"/>).
/// </param>
internal sealed class GraphDenseIndex(DenseGraph graph, StoredChunkVectors stored, int searchBreadth) : IDisposable
{
    // How far beyond the asked papers to look, chosen by dense recall@10 and @100 against exact search on the benchmark
    // corpus (docs/performance.md): chunks asked of the graph per paper wanted, and papers scored exactly per paper wanted.
    private const int ChunksPerPaper = 3;
    private const double RescoredPerPaper = 1.5;

    // The breadth that grows with the graph: a search of a fixed breadth finds less of the exact nearest chunks as the
    // graph grows (docs/performance.md), so one chunk more is asked per this many vectors held, up to a bound.
    private const long VectorsPerChunkAsked = 2_000;
    private const int MaxGrownBreadth = 4_096;

    public DenseGraph Graph => graph;

    /// <summary>The chunks a search for <paramref name="wanted"/> papers asks of the graph.</summary>
    private int Breadth(int wanted) => Math.Max(
        wanted * ChunksPerPaper,
        searchBreadth > 0 ? searchBreadth : (int)Math.Min(MaxGrownBreadth, graph.Count / VectorsPerChunkAsked));

    public IReadOnlyList<RankedPaper> Rank(ReadOnlySpan<float> query, SearchQuery filter, PaperSlots papers)
    {
        var wanted = Math.Max(0, filter.Candidates);
        if (wanted == 0) return [];
        var asked = Breadth(wanted);
        var keys = ArrayPool<ulong>.Shared.Rent(asked);
        var cosines = ArrayPool<float>.Shared.Rent(asked);
        try
        {
            Func<ulong, bool>? admits = PaperSlots.IsFiltered(filter)
                ? key => papers.SlotOf(DenseGraph.VersionOf(key)) is var slot and >= 0 && papers.Admits(slot, filter)
                : null;
            var found = graph.Search(query, admits, keys.AsSpan(0, asked), cosines.AsSpan(0, asked));

            // Best approximate cosine per paper; keys of papers this process does not know yet are passed over.
            var approximate = new Dictionary<int, float>(found);
            for (var i = 0; i < found; i++)
            {
                var slot = papers.SlotOf(DenseGraph.VersionOf(keys[i]));
                if (slot < 0 || !papers.Admits(slot, filter)) continue;
                if (!approximate.TryGetValue(slot, out var current) || cosines[i] > current) approximate[slot] = cosines[i];
            }
            var rescored = approximate
                .OrderByDescending(pair => pair.Value)
                .Take((int)Math.Ceiling(wanted * RescoredPerPaper))
                .Select(pair => pair.Key)
                .ToList();
            return Exact(query, filter, papers, rescored);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<float>.Shared.Return(cosines);
        }
    }

    /// <summary>Exact ranking of the given papers from their stored vectors.</summary>
    public IReadOnlyList<RankedPaper> Exact(ReadOnlySpan<float> query, SearchQuery filter, PaperSlots papers, IReadOnlyCollection<int> slots)
    {
        var top = new TopPapers(papers, filter.Candidates);
        foreach (var (slot, cosine) in stored.BestCosines(slots, papers, query))
        {
            if (papers.Admits(slot, filter)) top.Offer(slot, cosine);
        }
        return top.ToRanking();
    }

    public void Dispose() => graph.Dispose();
}
