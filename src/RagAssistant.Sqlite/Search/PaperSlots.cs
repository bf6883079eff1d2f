using System.Text;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The papers the in-memory indexes know, one slot each in the order of their versions (so slots only grow at the
/// end, and a version finds its slot by binary search). A paper written again gets a new slot; its old one is
/// retired, and every index skips retired slots until the next full load drops them.
/// </summary>
internal sealed class PaperSlots
{
    private const int NoDate = int.MinValue;

    private string[] _ids = new string[16];
    private long[] _versions = new long[16];
    private int[] _days = new int[16];
    private ushort[] _chunks = new ushort[16];
    private long[] _firstChunkRows = new long[16];
    private long[] _lastChunkRows = new long[16];
    private bool[] _retired = new bool[16];
    private readonly Dictionary<string, int> _slotById = new(StringComparer.Ordinal);

    /// <summary>Slots ever given, retired ones included.</summary>
    public int Count { get; private set; }

    public int Retired { get; private set; }

    public int Live => Count - Retired;

    public long LastVersion => Count == 0 ? 0 : _versions[Count - 1];

    public string IdOf(int slot) => _ids[slot];

    public long VersionOf(int slot) => _versions[slot];

    public int ChunksOf(int slot) => _chunks[slot];

    /// <summary>The rows of the chunks table the slot's chunks lie between (other papers' rows may lie between them too).</summary>
    public (long First, long Last) ChunkRowsOf(int slot) => (_firstChunkRows[slot], _lastChunkRows[slot]);

    public bool IsLive(int slot) => !_retired[slot];

    public bool Admits(int slot, SearchQuery query) =>
        !_retired[slot] && (!IsFiltered(query) || query.Admits(_days[slot] == NoDate ? null : DateOnly.FromDayNumber(_days[slot])));

    public static bool IsFiltered(SearchQuery query) => query.FromDate is not null || query.ToDate is not null;

    /// <summary>The slot of a paper version, or -1 when it is not known (not yet loaded, or replaced and dropped).</summary>
    public int SlotOf(long version)
    {
        var found = Array.BinarySearch(_versions, 0, Count, version);
        return found >= 0 ? found : -1;
    }

    /// <summary>The live slot holding the paper, or -1.</summary>
    public int SlotOf(string paperId) => _slotById.GetValueOrDefault(paperId, -1);

    /// <summary>Adds a version newer than every known one; a paper's earlier version, if any, must be retired first.</summary>
    public int Append(string paperId, long version, DateOnly? date, int chunks, long firstChunkRow, long lastChunkRow)
    {
        if (version <= LastVersion) throw new InvalidOperationException($"Paper version {version} arrived after {LastVersion}.");
        if (Count == _ids.Length) Grow();
        var slot = Count++;
        _ids[slot] = paperId;
        _versions[slot] = version;
        _days[slot] = date?.DayNumber ?? NoDate;
        _chunks[slot] = (ushort)Math.Min(chunks, ushort.MaxValue);
        (_firstChunkRows[slot], _lastChunkRows[slot]) = (firstChunkRow, lastChunkRow);
        _slotById[paperId] = slot;
        return slot;
    }

    public void Retire(int slot)
    {
        if (_retired[slot]) return;
        _retired[slot] = true;
        Retired++;
        if (_slotById.TryGetValue(_ids[slot], out var current) && current == slot) _slotById.Remove(_ids[slot]);
    }

    /// <summary>Ordinal id order: both stores break equal scores by paper id.</summary>
    public int CompareIds(int left, int right) => string.CompareOrdinal(_ids[left], _ids[right]);

    /// <summary>Writes every slot, retired ones included, for <see cref="ReadFrom"/>.</summary>
    public void WriteTo(StateFileWriter writer)
    {
        writer.Write(Count);
        var idBytes = new int[Count];
        for (var slot = 0; slot < Count; slot++) idBytes[slot] = Encoding.UTF8.GetByteCount(_ids[slot]);
        writer.Write<int>(idBytes);
        var buffer = new byte[256];
        for (var slot = 0; slot < Count; slot++)
        {
            if (buffer.Length < idBytes[slot]) buffer = new byte[idBytes[slot]];
            writer.Write<byte>(buffer.AsSpan(0, Encoding.UTF8.GetBytes(_ids[slot], buffer)));
        }
        writer.Write<long>(_versions.AsSpan(0, Count));
        writer.Write<int>(_days.AsSpan(0, Count));
        writer.Write<ushort>(_chunks.AsSpan(0, Count));
        writer.Write<long>(_firstChunkRows.AsSpan(0, Count));
        writer.Write<long>(_lastChunkRows.AsSpan(0, Count));
        writer.Write<bool>(_retired.AsSpan(0, Count));
    }

    /// <summary>The slots <see cref="WriteTo"/> wrote, each array exactly as long as they are; versions must ascend.</summary>
    public static PaperSlots ReadFrom(StateFileReader reader)
    {
        var count = reader.ReadCount(sizeof(int) + sizeof(long));
        var idBytes = reader.ReadArray<int>(count);
        var papers = new PaperSlots { Count = count, _ids = new string[count] };
        var buffer = new byte[256];
        for (var slot = 0; slot < count; slot++)
        {
            if (idBytes[slot] < 0 || idBytes[slot] > reader.Remaining) throw new InvalidDataException("A paper id runs past the end of the file.");
            if (buffer.Length < idBytes[slot]) buffer = new byte[idBytes[slot]];
            reader.ReadInto(buffer.AsSpan(0, idBytes[slot]));
            papers._ids[slot] = Encoding.UTF8.GetString(buffer, 0, idBytes[slot]);
        }
        papers._versions = reader.ReadArray<long>(count);
        papers._days = reader.ReadArray<int>(count);
        papers._chunks = reader.ReadArray<ushort>(count);
        papers._firstChunkRows = reader.ReadArray<long>(count);
        papers._lastChunkRows = reader.ReadArray<long>(count);
        papers._retired = reader.ReadArray<bool>(count);
        papers._slotById.EnsureCapacity(count);
        for (var slot = 0; slot < count; slot++)
        {
            if (slot > 0 && papers._versions[slot] <= papers._versions[slot - 1]) throw new InvalidDataException("Paper versions do not ascend.");
            if (papers._retired[slot]) papers.Retired++;
            else papers._slotById[papers._ids[slot]] = slot;
        }
        return papers;
    }

    private void Grow()
    {
        var size = Math.Max(16, _ids.Length * 2);
        Array.Resize(ref _ids, size);
        Array.Resize(ref _versions, size);
        Array.Resize(ref _days, size);
        Array.Resize(ref _chunks, size);
        Array.Resize(ref _firstChunkRows, size);
        Array.Resize(ref _lastChunkRows, size);
        Array.Resize(ref _retired, size);
    }
}
