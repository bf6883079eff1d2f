using System.Numerics.Tensors;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// Every chunk vector in memory, compared with the question one by one: exact and deterministic, and faster than
/// any graph for a small store. Used below <see cref="EmbeddedSearchOptions.ExactBelowChunks"/>.
/// </summary>
internal sealed class ExactDenseIndex(int dimension)
{
    private float[] _vectors = [];
    private int[] _slots = [];
    private ushort[] _ordinals = [];

    public int Dimension => dimension;

    /// <summary>Rows held, those of retired papers included.</summary>
    public int Rows { get; private set; }

    public void Add(int slot, int ordinal, ReadOnlySpan<float> vector)
    {
        if (Rows == _slots.Length)
        {
            var size = Math.Max(64, Rows * 2);
            Array.Resize(ref _vectors, size * dimension);
            Array.Resize(ref _slots, size);
            Array.Resize(ref _ordinals, size);
        }
        vector.CopyTo(_vectors.AsSpan(Rows * dimension, dimension));
        _slots[Rows] = slot;
        _ordinals[Rows] = (ushort)ordinal;
        Rows++;
    }

    /// <summary>The rows of live papers, for building a graph when the store outgrows exact search.</summary>
    public IEnumerable<(int Slot, int Ordinal, ReadOnlyMemory<float> Vector)> LiveRows(PaperSlots papers)
    {
        for (var row = 0; row < Rows; row++)
        {
            if (papers.IsLive(_slots[row])) yield return (_slots[row], _ordinals[row], _vectors.AsMemory(row * dimension, dimension));
        }
    }

    /// <summary>Papers ranked by the cosine of their best chunk (vectors are unit length, so a dot product).</summary>
    public IReadOnlyList<RankedPaper> Rank(ReadOnlySpan<float> query, SearchQuery filter, PaperSlots papers)
    {
        var board = ScoreBoard.Rent(papers.Count);
        try
        {
            for (var row = 0; row < Rows; row++)
            {
                var slot = _slots[row];
                if (!papers.Admits(slot, filter)) continue;
                board.Max(slot, TensorPrimitives.Dot(_vectors.AsSpan(row * dimension, dimension), query));
            }
            var top = new TopPapers(papers, filter.Candidates);
            foreach (var slot in board.Touched) top.Offer(slot, board[slot]);
            return top.ToRanking();
        }
        finally
        {
            ScoreBoard.Return(board);
        }
    }
}
