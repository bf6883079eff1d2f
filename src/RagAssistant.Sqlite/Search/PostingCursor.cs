namespace RagAssistant.Sqlite.Search;

/// <summary>
/// A position in one <see cref="PostingList"/> for ranking: the slot under it (<see cref="int.MaxValue"/> past the
/// end) and its weight. It keeps the segment it is in, so the next slot is one shift and one or away.
/// </summary>
internal struct PostingCursor
{
    private readonly uint[] _entries;
    private readonly PostingSegment[] _segments;
    private readonly float[] _palette;
    private readonly int _count, _segmentCount;
    private int _at, _segment, _number, _high, _end, _paletteStart;

    public PostingCursor(PostingList list)
    {
        (_entries, _segments, _palette) = (list.Entries, list.Segments, list.Palette);
        (_count, _segmentCount) = (list.Count, list.SegmentCount);
        Enter(0);
    }

    public int Slot { readonly get; private set; }

    public readonly float Weight => _palette[_paletteStart + (int)(_entries[_at] & PostingList.LowMask)];

    public void Next()
    {
        if (++_at < _end) Slot = _high | (int)(_entries[_at] >> PostingList.SegmentBits);
        else Enter(_segment + 1);
    }

    /// <summary>Moves to the first posting whose slot is at least <paramref name="slot"/> (which is past <see cref="Slot"/>).</summary>
    public void Seek(int slot)
    {
        var number = slot >> PostingList.SegmentBits;
        if (number != _number)
        {
            // A list has at most one segment per 65,536 papers (16 at a million): walking them is cheap.
            var next = _segment + 1;
            while (next < _segmentCount && _segments[next].Number < number) next++;
            Enter(next);
            if (Slot >= slot) return;
        }
        _at = FirstAtLeast((uint)(slot & PostingList.LowMask) << PostingList.SegmentBits);
        if (_at < _end) Slot = _high | (int)(_entries[_at] >> PostingList.SegmentBits);
        else Enter(_segment + 1);
    }

    /// <summary>
    /// The first index of this segment from the cursor on whose entry is at least <paramref name="entry"/>
    /// (galloping, then binary search); entries order as their slots' low bits do, the code below them.
    /// </summary>
    private readonly int FirstAtLeast(uint entry)
    {
        var step = 1;
        var low = _at; // _entries[low] < entry
        while (low + step < _end && _entries[low + step] < entry)
        {
            low += step;
            step *= 2;
        }
        var high = Math.Min(low + step, _end); // _entries[high] >= entry, or the segment's end
        var found = Array.BinarySearch(_entries, low + 1, high - low - 1, entry);
        return found >= 0 ? found : ~found;
    }

    private void Enter(int segment)
    {
        _segment = segment;
        if (segment >= _segmentCount)
        {
            (_at, _end, Slot) = (_count, _count, int.MaxValue);
            return;
        }
        var entered = _segments[segment];
        (_at, _number, _high, _paletteStart) = (entered.Start, entered.Number, entered.Number << PostingList.SegmentBits, entered.PaletteStart);
        _end = segment + 1 < _segmentCount ? _segments[segment + 1].Start : _count;
        Slot = _high | (int)(_entries[_at] >> PostingList.SegmentBits);
    }
}
