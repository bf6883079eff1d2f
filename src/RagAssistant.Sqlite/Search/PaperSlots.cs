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

    private void Grow()
    {
        var size = _ids.Length * 2;
        Array.Resize(ref _ids, size);
        Array.Resize(ref _versions, size);
        Array.Resize(ref _days, size);
        Array.Resize(ref _chunks, size);
        Array.Resize(ref _firstChunkRows, size);
        Array.Resize(ref _lastChunkRows, size);
        Array.Resize(ref _retired, size);
    }
}
