using System.Runtime.CompilerServices;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The inverted index for BM25: per term, the slots of the papers holding it (ascending) with the paper's weight,
/// 4 bytes a posting (<see cref="PostingList"/>), and the list's largest weight. Ranking is exact — Σ idf(t) · q_t ·
/// d_t with Qdrant's IDF over live papers, each paper's terms summed in the query's order, so the scores are the very
/// numbers a scan of every paper gives — and uses MaxScore (Turtle and Flood, 1995): once the list of best papers is
/// full, a paper found only in the lists of common terms cannot reach it, so those lists are only probed for papers
/// the rare terms already found. Measured against term-at-a-time accumulation (docs/performance.md): slower at 100k
/// papers, three times faster at a million.
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
    /// Writes the lists for <see cref="ReadFrom"/>: per list its term, lengths and largest weight, then every list's
    /// postings, every list's segments and every list's palette, each run in one piece.
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
            writer.Write(list.SegmentCount);
            writer.Write(list.PaletteCount);
            writer.Write(list.MaxWeight);
        }
        foreach (var (_, list) in lists) writer.Write<uint>(list.Entries.AsSpan(0, list.Count));
        foreach (var (_, list) in lists) writer.Write<PostingSegment>(list.Segments.AsSpan(0, list.SegmentCount));
        foreach (var (_, list) in lists) writer.Write<float>(list.Palette.AsSpan(0, list.PaletteCount));
    }

    /// <summary>
    /// The lists <see cref="WriteTo"/> wrote, each array exactly as long as the list (nothing to trim); a list whose
    /// postings do not decode to slots and weights that exist is refused, so a damaged file never reaches a search.
    /// </summary>
    public static Bm25Postings ReadFrom(StateFileReader reader, int slots)
    {
        var postings = new Bm25Postings { _hasTerms = new bool[Math.Max(slots, 16)] };
        reader.ReadInto<bool>(postings._hasTerms.AsSpan(0, slots));
        postings._papersWithTerms = reader.Read<int>();
        postings._retiredWithTerms = reader.Read<int>();
        // Each list's live count is counted afresh when a question first needs it.
        postings._retirements = postings._retiredWithTerms > 0 ? 1 : 0;
        var count = reader.ReadCount(sizeof(uint) + 3 * sizeof(int) + sizeof(float));
        var terms = new uint[count];
        var maxWeights = new float[count];
        var entries = new uint[count][];
        var segments = new PostingSegment[count][];
        var palettes = new float[count][];
        var lengths = new (int Entries, int Segments, int Palette)[count];
        for (var i = 0; i < count; i++)
        {
            terms[i] = reader.Read<uint>();
            lengths[i] = (reader.ReadCount(sizeof(uint)), reader.ReadCount(Unsafe.SizeOf<PostingSegment>()), reader.ReadCount(sizeof(float)));
            maxWeights[i] = reader.Read<float>();
        }
        for (var i = 0; i < count; i++) entries[i] = reader.ReadArray<uint>(lengths[i].Entries);
        for (var i = 0; i < count; i++) segments[i] = reader.ReadArray<PostingSegment>(lengths[i].Segments);
        for (var i = 0; i < count; i++) palettes[i] = reader.ReadArray<float>(lengths[i].Palette);
        postings._lists.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var list = PostingList.Saved(entries[i], segments[i], palettes[i], maxWeights[i], slots);
            if (!postings._lists.TryAdd(terms[i], list)) throw new InvalidDataException($"Term {terms[i]} has two lists.");
            postings.Postings += list.Count;
        }
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
        var cursors = new PostingCursor[count];
        var scales = new double[count];
        var positions = new int[count];
        for (var j = 0; j < count; j++)
        {
            bound[j] = (j > 0 ? bound[j - 1] : 0) + terms[j].Bound;
            cursors[j] = new PostingCursor(terms[j].List);
            (scales[j], positions[j]) = (terms[j].Scale, terms[j].Position);
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
            for (var j = essential; j < count; j++) slot = Math.Min(slot, cursors[j].Slot);
            if (slot == int.MaxValue) break;

            contributions.AsSpan().Clear();
            var partial = 0.0;
            for (var j = essential; j < count; j++)
            {
                ref var cursor = ref cursors[j];
                if (cursor.Slot != slot) continue;
                partial += contributions[positions[j]] = scales[j] * cursor.Weight;
                cursor.Next();
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
                ref var cursor = ref cursors[j];
                if (cursor.Slot < slot) cursor.Seek(slot);
                if (cursor.Slot == slot) partial += contributions[positions[j]] = scales[j] * cursor.Weight;
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

    private readonly record struct QueryTerm(PostingList List, double Scale, double Bound, int Position);
}
