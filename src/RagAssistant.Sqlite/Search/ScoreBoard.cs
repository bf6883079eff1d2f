using System.Collections.Concurrent;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// One search's running score per paper slot, reused between searches: a stamp per slot says whether the score
/// belongs to this search, so nothing is cleared between searches and only touched slots are read back.
/// </summary>
internal sealed class ScoreBoard
{
    private static readonly ConcurrentBag<ScoreBoard> Pool = [];

    private double[] _scores = [];
    private int[] _stamps = [];
    private int _stamp;
    private readonly List<int> _touched = [];

    public static ScoreBoard Rent(int slots)
    {
        var board = Pool.TryTake(out var pooled) ? pooled : new ScoreBoard();
        board.Begin(slots);
        return board;
    }

    public static void Return(ScoreBoard board) => Pool.Add(board);

    public IReadOnlyList<int> Touched => _touched;

    public double this[int slot] => _scores[slot];

    /// <summary>Adds to the slot's score (the first contribution replaces whatever an earlier search left).</summary>
    public void Add(int slot, double contribution)
    {
        if (Touch(slot)) _scores[slot] = contribution;
        else _scores[slot] += contribution;
    }

    /// <summary>Keeps the larger of the slot's score and <paramref name="score"/>.</summary>
    public void Max(int slot, double score)
    {
        if (Touch(slot) || score > _scores[slot]) _scores[slot] = score;
    }

    private bool Touch(int slot)
    {
        if (_stamps[slot] == _stamp) return false;
        _stamps[slot] = _stamp;
        _touched.Add(slot);
        return true;
    }

    private void Begin(int slots)
    {
        _touched.Clear();
        if (_scores.Length < slots)
        {
            var size = Math.Max(slots, _scores.Length * 2);
            _scores = new double[size];
            _stamps = new int[size];
            _stamp = 0;
        }
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
    }
}
