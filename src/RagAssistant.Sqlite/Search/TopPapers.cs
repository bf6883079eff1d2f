using RagAssistant.Core.Retrieval;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The best <c>k</c> papers offered, kept in a bounded heap: higher score first, equal scores by paper id
/// (ordinal), so both stores and every path of this one cut a ranking at the same paper.
/// </summary>
internal sealed class TopPapers(PaperSlots papers, int capacity)
{
    private readonly (double Score, int Slot)[] _heap = new (double, int)[Math.Max(0, capacity)];
    private int _count;

    public bool IsFull => _count == _heap.Length;

    /// <summary>The score a paper must reach to enter once the list is full (equal scores then go by id).</summary>
    public double Threshold => IsFull && _count > 0 ? _heap[0].Score : double.NegativeInfinity;

    public void Offer(int slot, double score)
    {
        if (_heap.Length == 0) return;
        if (_count < _heap.Length)
        {
            _heap[_count] = (score, slot);
            SiftUp(_count++);
        }
        else if (Better(score, slot, _heap[0].Score, _heap[0].Slot))
        {
            _heap[0] = (score, slot);
            SiftDown(0);
        }
    }

    public IReadOnlyList<RankedPaper> ToRanking()
    {
        var best = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(best, (left, right) => Better(left.Score, left.Slot, right.Score, right.Slot) ? -1 : Better(right.Score, right.Slot, left.Score, left.Slot) ? 1 : 0);
        return [.. best.Select(entry => new RankedPaper(papers.IdOf(entry.Slot), entry.Score))];
    }

    private bool Better(double score, int slot, double otherScore, int otherSlot) =>
        score > otherScore || (score == otherScore && papers.CompareIds(slot, otherSlot) < 0);

    // A min-heap on "better": the root is the worst paper kept, the one a better newcomer replaces.
    private void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (!Better(_heap[parent].Score, _heap[parent].Slot, _heap[index].Score, _heap[index].Slot)) return;
            (_heap[parent], _heap[index]) = (_heap[index], _heap[parent]);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var (left, right, worst) = (index * 2 + 1, index * 2 + 2, index);
            if (left < _count && Better(_heap[worst].Score, _heap[worst].Slot, _heap[left].Score, _heap[left].Slot)) worst = left;
            if (right < _count && Better(_heap[worst].Score, _heap[worst].Slot, _heap[right].Score, _heap[right].Slot)) worst = right;
            if (worst == index) return;
            (_heap[worst], _heap[index]) = (_heap[index], _heap[worst]);
            index = worst;
        }
    }
}
