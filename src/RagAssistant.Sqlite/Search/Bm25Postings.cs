using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The inverted index for BM25: per term, the slots of the papers holding it (ascending) and the paper's weight.
/// Ranking is exact — Σ idf(t) · q_t · d_t with Qdrant's IDF over live papers, summed in the query's term order,
/// so the scores are the very numbers a scan of every paper gives. Term at a time over the query's lists into
/// a reused score board, then a bounded heap: the lists of one question touch a few percent of the papers.
/// </summary>
internal sealed class Bm25Postings
{
    private readonly Dictionary<uint, PostingList> _lists = [];
    private bool[] _hasTerms = new bool[16];
    private int _papersWithTerms;
    private int _retiredWithTerms;
    // Bumped whenever a paper is retired: each list then recounts its live papers once, when a question next asks.
    private int _retirements;

    public long Postings { get; private set; }

    public void Add(int slot, SparseVector terms)
    {
        if (slot >= _hasTerms.Length) Array.Resize(ref _hasTerms, Math.Max(slot + 1, _hasTerms.Length * 2));
        if (terms.IsEmpty) return;
        _hasTerms[slot] = true;
        _papersWithTerms++;
        for (var i = 0; i < terms.Indices.Length; i++)
        {
            if (!_lists.TryGetValue(terms.Indices[i], out var list)) _lists[terms.Indices[i]] = list = new PostingList();
            list.Append(slot, terms.Values[i]);
        }
        Postings += terms.Indices.Length;
    }

    public void Retire(int slot)
    {
        if (slot >= _hasTerms.Length || !_hasTerms[slot]) return;
        _papersWithTerms--;
        _retiredWithTerms++;
        _retirements++;
    }

    /// <summary>Gives back what growing the lists one paper at a time reserved (after a full load).</summary>
    public void Trim()
    {
        foreach (var list in _lists.Values) list.Trim();
    }

    /// <summary>The papers sharing terms with the query, best first, at most <see cref="SearchQuery.Candidates"/>.</summary>
    public IReadOnlyList<RankedPaper> Rank(SearchQuery query, PaperSlots papers)
    {
        var board = ScoreBoard.Rent(papers.Count);
        try
        {
            var skipRetired = _retiredWithTerms > 0;
            for (var i = 0; i < query.Terms.Indices.Length; i++)
            {
                if (!_lists.TryGetValue(query.Terms.Indices[i], out var list)) continue;
                var live = skipRetired ? list.LiveCount(papers, _retirements) : list.Count;
                if (live == 0) continue;
                var idf = Bm25Encoder.InverseDocumentFrequency(_papersWithTerms, live);
                var queryWeight = query.Terms.Values[i];
                var (slots, weights) = (list.Slots, list.Weights);
                for (var p = 0; p < list.Count; p++)
                {
                    var slot = slots[p];
                    if (skipRetired && !papers.IsLive(slot)) continue;
                    // The same expression, in the same order, as a scan over every paper: the same double.
                    board.Add(slot, idf * queryWeight * weights[p]);
                }
            }
            var top = new TopPapers(papers, query.Candidates);
            var filtered = PaperSlots.IsFiltered(query);
            foreach (var slot in board.Touched)
            {
                if (!filtered || papers.Admits(slot, query)) top.Offer(slot, board[slot]);
            }
            return top.ToRanking();
        }
        finally
        {
            ScoreBoard.Return(board);
        }
    }

    private sealed class PostingList
    {
        private long _live; // (retirements << 32) | live papers, read and written whole so concurrent readers agree

        public int[] Slots = new int[2];
        public float[] Weights = new float[2];
        public int Count;

        public void Append(int slot, float weight)
        {
            if (Count == Slots.Length)
            {
                // 1.5×: a list grown one paper at a time wastes at most a third of itself.
                var size = Count + Math.Max(2, Count / 2);
                Array.Resize(ref Slots, size);
                Array.Resize(ref Weights, size);
            }
            Slots[Count] = slot;
            Weights[Count] = weight;
            Count++;
            // A new paper is live: a count cached for the current retirements stays right (writes exclude readers).
            if (_live != 0) _live++;
        }

        public void Trim()
        {
            if (Slots.Length == Count) return;
            Array.Resize(ref Slots, Count);
            Array.Resize(ref Weights, Count);
        }

        /// <summary>Papers in the list not retired: the document frequency the IDF needs.</summary>
        public int LiveCount(PaperSlots papers, int retirements)
        {
            var cached = Volatile.Read(ref _live);
            if ((int)(cached >> 32) == retirements) return (int)cached;
            var live = 0;
            for (var p = 0; p < Count; p++)
            {
                if (papers.IsLive(Slots[p])) live++;
            }
            Volatile.Write(ref _live, ((long)retirements << 32) | (uint)live);
            return live;
        }
    }
}
