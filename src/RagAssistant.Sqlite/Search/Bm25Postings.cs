using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The inverted index for BM25: per term, the slots of the papers holding it (ascending) with the paper's weight,
/// and the list's largest weight. Ranking is exact — Σ idf(t) · q_t · d_t with Qdrant's IDF over live papers, each
/// paper's terms summed in the query's order, so the scores are the very numbers a scan of every paper gives — and
/// uses MaxScore (Turtle and Flood, 1995): once the list of best papers is full, a paper found only in the lists of
/// common terms cannot reach it, so those lists are only probed for papers the rare terms already found. Measured
/// against term-at-a-time accumulation (docs/performance.md): slower at 100k papers, three times faster at a million.
/// </summary>
internal sealed class Bm25Postings
{
    // Bounds are summed in another order than scores, so pruning leaves this much room for rounding.
    private const double RoundingSlack = 1e-9;

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

    /// <summary>
    /// Writes the lists for <see cref="ReadFrom"/>: per list its term, length and largest weight, then every list's
    /// slots and every list's weights, each run in one piece.
    /// </summary>
    public void WriteTo(StateFileWriter writer, int slots)
    {
        writer.Write<bool>(_hasTerms.AsSpan(0, slots));
        writer.Write(_papersWithTerms);
        writer.Write(_retiredWithTerms);
        var lists = _lists.ToArray();
        writer.Write(lists.Length);
        foreach (var (term, list) in lists)
        {
            writer.Write(term);
            writer.Write(list.Count);
            writer.Write(list.MaxWeight);
        }
        foreach (var (_, list) in lists) writer.Write<int>(list.Slots.AsSpan(0, list.Count));
        foreach (var (_, list) in lists) writer.Write<float>(list.Weights.AsSpan(0, list.Count));
    }

    /// <summary>The lists <see cref="WriteTo"/> wrote, each array exactly as long as the list (nothing to trim).</summary>
    public static Bm25Postings ReadFrom(StateFileReader reader, int slots)
    {
        var postings = new Bm25Postings { _hasTerms = new bool[Math.Max(slots, 16)] };
        reader.ReadInto<bool>(postings._hasTerms.AsSpan(0, slots));
        postings._papersWithTerms = reader.Read<int>();
        postings._retiredWithTerms = reader.Read<int>();
        // Each list's live count is counted afresh when a question first needs it.
        postings._retirements = postings._retiredWithTerms > 0 ? 1 : 0;
        var count = reader.ReadCount(sizeof(uint) + sizeof(int) + sizeof(float));
        var lists = new PostingList[count];
        postings._lists.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var term = reader.Read<uint>();
            var length = reader.ReadCount(sizeof(int) + sizeof(float));
            lists[i] = new PostingList { Count = length, MaxWeight = reader.Read<float>() };
            if (!postings._lists.TryAdd(term, lists[i])) throw new InvalidDataException($"Term {term} has two lists.");
            postings.Postings += length;
        }
        foreach (var list in lists)
        {
            list.Slots = reader.ReadArray<int>(list.Count);
            if (list.Count > 0 && (list.Slots[0] < 0 || list.Slots[^1] >= slots)) throw new InvalidDataException("A posting names a slot that does not exist.");
        }
        foreach (var list in lists) list.Weights = reader.ReadArray<float>(list.Count);
        return postings;
    }

    /// <summary>The papers sharing terms with the query, best first, at most <see cref="SearchQuery.Candidates"/>.</summary>
    public IReadOnlyList<RankedPaper> Rank(SearchQuery query, PaperSlots papers)
    {
        var terms = QueryTerms(query, papers);
        if (terms.Length == 0 || query.Candidates <= 0) return [];
        var top = new TopPapers(papers, query.Candidates);

        // Terms by their largest possible contribution, smallest first; bound[j] caps what terms 0..j can add together.
        Array.Sort(terms, (left, right) => left.Bound.CompareTo(right.Bound));
        var count = terms.Length;
        var bound = new double[count];
        var slots = new int[count][];
        var weights = new float[count][];
        var lengths = new int[count];
        var scales = new double[count];
        var positions = new int[count];
        var cursors = new int[count];
        var current = new int[count]; // the slot under each cursor, int.MaxValue past the end
        for (var j = 0; j < count; j++)
        {
            bound[j] = (j > 0 ? bound[j - 1] : 0) + terms[j].Bound;
            (slots[j], weights[j], lengths[j]) = (terms[j].List.Slots, terms[j].List.Weights, terms[j].List.Count);
            (scales[j], positions[j]) = (terms[j].Scale, terms[j].Position);
            current[j] = lengths[j] > 0 ? slots[j][0] : int.MaxValue;
        }
        var contributions = new double[count]; // by query position, so the sum runs in the query's order
        var skipRetired = _retiredWithTerms > 0;
        var filtered = PaperSlots.IsFiltered(query);
        var essential = 0; // terms[essential..] are the lists a competitive paper must appear in
        var threshold = double.NegativeInfinity;
        var prune = double.NegativeInfinity; // threshold less the rounding room

        while (true)
        {
            var slot = int.MaxValue;
            for (var j = essential; j < count; j++) slot = Math.Min(slot, current[j]);
            if (slot == int.MaxValue) break;

            contributions.AsSpan().Clear();
            var partial = 0.0;
            for (var j = essential; j < count; j++)
            {
                if (current[j] != slot) continue;
                var at = cursors[j]++;
                partial += contributions[positions[j]] = scales[j] * weights[j][at];
                current[j] = at + 1 < lengths[j] ? slots[j][at + 1] : int.MaxValue;
            }
            if ((skipRetired && !papers.IsLive(slot)) || (filtered && !papers.Admits(slot, query))) continue;
            var competitive = true;
            for (var j = essential - 1; j >= 0; j--)
            {
                if (partial + bound[j] < prune)
                {
                    competitive = false;
                    break;
                }
                if (current[j] < slot)
                {
                    cursors[j] = Seek(slots[j], cursors[j], lengths[j], slot);
                    current[j] = cursors[j] < lengths[j] ? slots[j][cursors[j]] : int.MaxValue;
                }
                if (current[j] == slot) partial += contributions[positions[j]] = scales[j] * weights[j][cursors[j]];
            }
            if (!competitive) continue;

            // The same additions in the same order as a scan over every paper: the same double.
            var score = 0.0;
            for (var i = 0; i < count; i++) score += contributions[i];
            top.Offer(slot, score);
            if (top.Threshold > threshold)
            {
                threshold = top.Threshold;
                prune = threshold - RoundingSlack * Math.Abs(threshold);
                while (essential < count && bound[essential] < prune) essential++;
            }
        }
        return top.ToRanking();
    }

    /// <summary>The query's terms that have live papers, in the query's order, each with idf · q_t and its bound.</summary>
    private QueryTerm[] QueryTerms(SearchQuery query, PaperSlots papers)
    {
        var terms = new List<QueryTerm>(query.Terms.Indices.Length);
        for (var i = 0; i < query.Terms.Indices.Length; i++)
        {
            if (!_lists.TryGetValue(query.Terms.Indices[i], out var list)) continue;
            var live = _retiredWithTerms > 0 ? list.LiveCount(papers, _retirements) : list.Count;
            if (live == 0) continue;
            var scale = Bm25Encoder.InverseDocumentFrequency(_papersWithTerms, live) * query.Terms.Values[i];
            terms.Add(new QueryTerm(list, scale, scale * list.MaxWeight, terms.Count));
        }
        return [.. terms];
    }

    /// <summary>The first index at or after <paramref name="from"/> whose slot is at least <paramref name="slot"/> (galloping, then binary search).</summary>
    private static int Seek(int[] slots, int from, int length, int slot)
    {
        var step = 1;
        var low = from; // slots[low] < slot
        while (low + step < length && slots[low + step] < slot)
        {
            low += step;
            step *= 2;
        }
        var high = Math.Min(low + step, length); // slots[high] >= slot, or the end
        var found = Array.BinarySearch(slots, low + 1, high - low - 1, slot);
        return found >= 0 ? found : ~found;
    }

    private readonly record struct QueryTerm(PostingList List, double Scale, double Bound, int Position);

    private sealed class PostingList
    {
        private long _live; // (retirements << 32) | live papers, read and written whole so concurrent readers agree

        public int[] Slots = new int[2];
        public float[] Weights = new float[2];
        public int Count;
        public float MaxWeight;

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
            MaxWeight = Math.Max(MaxWeight, weight);
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
