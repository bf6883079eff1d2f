using System.Runtime.InteropServices;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// One term's postings in 4 bytes each, ascending by slot. Slots are grouped in segments of 65,536
/// (<c>slot &gt;&gt; 16</c>); a posting holds the low 16 bits of its slot above a 16-bit code into its segment's
/// palette of weights. One segment of one list holds at most 65,536 postings, so its distinct weights always fit a
/// code, and BM25 weights take few distinct values (one per term frequency and paper length), so palettes stay
/// small. A weight read back is the very float appended: scores do not change by a bit.
/// </summary>
internal sealed class PostingList
{
    public const int SegmentBits = 16;
    public const int LowMask = (1 << SegmentBits) - 1;

    // Up to this many distinct weights a segment's palette is searched (vectorised) rather than hashed.
    private const int ScannedPalette = 64;

    private long _live; // (retirements << 32) | live papers, read and written whole so concurrent readers agree
    private Dictionary<uint, ushort>? _codes; // the last segment's weights (as bits) → code, kept only while appending

    public PostingList()
    {
    }

    private PostingList(uint[] entries, PostingSegment[] segments, float[] palette, float maxWeight)
    {
        (Entries, Segments, Palette, MaxWeight) = (entries, segments, palette, maxWeight);
        (Count, SegmentCount, PaletteCount) = (entries.Length, segments.Length, palette.Length);
    }

    /// <summary>Per posting <c>(low slot bits &lt;&lt; 16) | code</c>: ascending, since slots are.</summary>
    public uint[] Entries { get; private set; } = new uint[2];

    public PostingSegment[] Segments { get; private set; } = new PostingSegment[1];

    public float[] Palette { get; private set; } = new float[2];

    public int Count { get; private set; }

    public int SegmentCount { get; private set; }

    public int PaletteCount { get; private set; }

    public float MaxWeight { get; private set; }

    /// <summary>A list read back from the state file, refused unless every posting decodes to a slot and weight that exist.</summary>
    public static PostingList Saved(uint[] entries, PostingSegment[] segments, float[] palette, float maxWeight, int slots)
    {
        if ((entries.Length == 0) != (segments.Length == 0) || (segments.Length == 0) != (palette.Length == 0))
            throw new InvalidDataException("A posting list's segments do not match its postings.");
        for (var s = 0; s < segments.Length; s++)
        {
            var (segment, last) = (segments[s], s + 1 == segments.Length);
            var end = last ? entries.Length : segments[s + 1].Start;
            var paletteEnd = last ? palette.Length : segments[s + 1].PaletteStart;
            var ordered = s == 0
                ? segment.Start == 0 && segment.PaletteStart == 0 && segment.Number >= 0
                : segment.Number > segments[s - 1].Number;
            if (!ordered || segment.Number > (slots - 1) >> SegmentBits
                || end <= segment.Start || end > entries.Length || paletteEnd <= segment.PaletteStart || paletteEnd > palette.Length)
                throw new InvalidDataException("A posting list's segments are out of order.");
            var previous = -1;
            for (var p = segment.Start; p < end; p++)
            {
                var low = (int)(entries[p] >> SegmentBits);
                if (low <= previous) throw new InvalidDataException("A posting list's slots are out of order.");
                if ((entries[p] & LowMask) >= paletteEnd - segment.PaletteStart) throw new InvalidDataException("A posting's weight is outside its palette.");
                previous = low;
            }
            if (last && ((segment.Number << SegmentBits) | previous) >= slots) throw new InvalidDataException("A posting names a slot that does not exist.");
        }
        return new PostingList(entries, segments, palette, maxWeight);
    }

    public void Append(int slot, float weight)
    {
        var number = slot >> SegmentBits;
        if (SegmentCount == 0 || Segments[SegmentCount - 1].Number != number) StartSegment(number);
        var code = CodeOf(weight);
        if (Count == Entries.Length) Entries = Grown(Entries, Count);
        Entries[Count++] = ((uint)(slot & LowMask) << SegmentBits) | code;
        MaxWeight = Math.Max(MaxWeight, weight);
        // A new paper is live: a count cached for the current retirements stays right (writes exclude readers).
        if (_live != 0) _live++;
    }

    /// <summary>Gives back the room left for growth and the appending lookup (after a full load).</summary>
    public void Trim()
    {
        _codes = null;
        if (Entries.Length != Count) Entries = Entries[..Count];
        if (Segments.Length != SegmentCount) Segments = Segments[..SegmentCount];
        if (Palette.Length != PaletteCount) Palette = Palette[..PaletteCount];
    }

    /// <summary>Papers in the list not retired: the document frequency the IDF needs.</summary>
    public int LiveCount(PaperSlots papers, int retirements)
    {
        var cached = Volatile.Read(ref _live);
        if ((int)(cached >> 32) == retirements) return (int)cached;
        var live = 0;
        for (var s = 0; s < SegmentCount; s++)
        {
            var high = Segments[s].Number << SegmentBits;
            var end = s + 1 < SegmentCount ? Segments[s + 1].Start : Count;
            for (var p = Segments[s].Start; p < end; p++)
            {
                if (papers.IsLive(high | (int)(Entries[p] >> SegmentBits))) live++;
            }
        }
        Volatile.Write(ref _live, ((long)retirements << 32) | (uint)live);
        return live;
    }

    private void StartSegment(int number)
    {
        if (SegmentCount == Segments.Length) Segments = Grown(Segments, SegmentCount);
        Segments[SegmentCount++] = new PostingSegment(number, Count, PaletteCount);
        _codes = null;
    }

    /// <summary>The weight's code in the last segment's palette, added to it if new.</summary>
    private ushort CodeOf(float weight)
    {
        var bits = BitConverter.SingleToUInt32Bits(weight); // bits, not ==: the very float, whatever its value
        var start = Segments[SegmentCount - 1].PaletteStart;
        var palette = MemoryMarshal.Cast<float, uint>(Palette.AsSpan(start, PaletteCount - start));
        if (_codes is null && palette.Length <= ScannedPalette)
        {
            if (palette.IndexOf(bits) is var found and >= 0) return (ushort)found;
        }
        else
        {
            // Built lazily: after a load only the lists appended to again pay for one.
            _codes ??= Codes(palette);
            if (_codes.TryGetValue(bits, out var known)) return known;
        }
        // A segment's palette is never longer than its postings (at most 65,536, one per slot), so this fits.
        var code = (ushort)palette.Length;
        if (PaletteCount == Palette.Length) Palette = Grown(Palette, PaletteCount);
        Palette[PaletteCount++] = weight;
        _codes?.Add(bits, code);
        return code;
    }

    private static Dictionary<uint, ushort> Codes(ReadOnlySpan<uint> palette)
    {
        var codes = new Dictionary<uint, ushort>(palette.Length * 2);
        for (var code = 0; code < palette.Length; code++) codes.Add(palette[code], (ushort)code);
        return codes;
    }

    // 1.5×: a list grown one paper at a time wastes at most a third of itself.
    private static T[] Grown<T>(T[] values, int count)
    {
        var grown = new T[count + Math.Max(2, count / 2)];
        values.AsSpan(0, count).CopyTo(grown);
        return grown;
    }
}

/// <summary>Where one segment's postings and palette start in its list; the next segment's starts end them.</summary>
internal readonly record struct PostingSegment(int Number, int Start, int PaletteStart);
