using System.Runtime.InteropServices;
using Cloud.Unum.USearch;
using static RagAssistant.Sqlite.Search.USearchNative;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// An HNSW graph over chunk vectors (USearch, cosine, vectors kept as int8), keyed by paper version and chunk
/// ordinal, so a key names one chunk of one version of a paper and never another. It finds candidates only:
/// the caller scores them again exactly from the f32 vectors in SQLite. Adding, removing and saving are the
/// owner's to serialise; searches may run beside each other and beside adds once capacity is reserved.
/// </summary>
internal sealed unsafe class DenseGraph : IDisposable
{
    // HNSW's M and efConstruction, and the int8 vectors: chosen by dense recall@10 against exact search on the
    // benchmark corpus (docs/performance.md). The links and the breadth of the build decide how well clusters of
    // near-identical papers are connected, which a broader search cannot make up for; f16 vectors found no more
    // than int8, which keeps a million papers' 1.9 M vectors in half the memory.
    private const ulong Connectivity = 24;
    private const ulong ExpansionAdd = 384;
    private const ScalarKind Quantization = ScalarKind.Int8;

    // USearch walks with the larger of this and the number of results asked, and searches ask for their breadth
    // (GraphDenseIndex), so this is the floor for searches that want few papers: a narrower walk misses the nearest
    // paper of a small graph (StoreParityTests asks for 20 candidates, 60 chunks).
    private const ulong ExpansionSearch = 128;

    /// <summary>Chunk ordinals a key can hold: 16 bits, the version the other 48.</summary>
    public const int MaxChunksPerPaper = 1 << 16;

    // Every concurrent native call needs a context of its own; calls beyond them would share one and corrupt it.
    private static readonly int Contexts = Math.Max(8, Environment.ProcessorCount * 2);

    private readonly SemaphoreSlim _contexts = new(Contexts, Contexts);
    private nint _index;

    private DenseGraph(nint index, int dimension)
    {
        _index = index;
        Dimension = dimension;
        SetContexts();
    }

    public int Dimension { get; }

    public static ulong Key(long version, int ordinal) => ((ulong)version << 16) | (uint)ordinal;

    public static long VersionOf(ulong key) => (long)(key >> 16);

    public static DenseGraph Create(int dimension)
    {
        var options = Options(dimension);
        var index = usearch_init(ref options, out var error);
        Check(error, "create an index");
        return new DenseGraph(index, dimension);
    }

    /// <summary>
    /// Loads a graph saved by <see cref="Save"/> from the start of a file (USearch reads its own length from its
    /// header, so what <see cref="GraphFile"/> appends after it is never read). The graph is read into memory, a
    /// piece at a time: the file may be replaced while the graph is in use, and opening never holds the file's
    /// gigabyte mapped beside the gigabyte it fills.
    /// </summary>
    public static DenseGraph Load(string path, int dimension)
    {
        var options = Options(dimension);
        var index = usearch_init(ref options, out var error);
        Check(error, "create an index");
        try
        {
            usearch_load(index, path, out error);
            Check(error, $"load {path}");
            // Whatever the file carries, searches walk at least this wide and ask for their own breadth.
            usearch_change_expansion_search(index, (nuint)ExpansionSearch, out error);
            Check(error, "set the search breadth");
            return new DenseGraph(index, dimension);
        }
        catch
        {
            usearch_free(index, out _);
            throw;
        }
    }

    /// <summary>Vectors held, removed ones included until their slots are reused.</summary>
    public long Count => (long)Call(usearch_size, "count");

    public long MemoryBytes => (long)Call(usearch_memory_usage, "measure memory");

    public bool Contains(long version) => Contains(Key(version, 0));

    private bool Contains(ulong key)
    {
        var found = usearch_contains(_index, key, out var error);
        Check(error, "look up a key");
        return found;
    }

    /// <summary>Room for <paramref name="additional"/> more vectors. Not while anything else uses the graph.</summary>
    public void Reserve(long additional)
    {
        var needed = (ulong)(Count + additional);
        var capacity = (ulong)Call(usearch_capacity, "read the capacity");
        if (needed <= capacity) return;
        // Geometric growth, so adding papers one batch at a time does not reallocate the graph each time.
        usearch_reserve(_index, (nuint)Math.Max(needed, capacity + capacity / 2), out var error);
        Check(error, "reserve memory");
        SetContexts();
    }

    /// <summary>
    /// Adds vectors (row i of <paramref name="vectors"/> under <paramref name="keys"/>[i]) on every core; capacity
    /// must have been reserved. A key already present is replaced.
    /// </summary>
    public void Add(ReadOnlySpan<ulong> keys, ReadOnlySpan<float> vectors)
    {
        if (keys.Length == 0) return;
        var count = keys.Length;
        var dimension = Dimension;
        var workers = Math.Min(Environment.ProcessorCount, Math.Max(1, count / 64));
        fixed (ulong* keyStart = keys)
        fixed (float* vectorStart = vectors)
        {
            var (keyAddress, vectorAddress) = ((nint)keyStart, (nint)vectorStart);
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                _contexts.Wait();
                try
                {
                    for (var row = worker; row < count; row += workers)
                    {
                        var key = ((ulong*)keyAddress)[row];
                        if (Contains(key)) usearch_remove(_index, key, out _);
                        usearch_add(_index, key, (float*)vectorAddress + (long)row * dimension, ScalarKind.Float32, out var error);
                        Check(error, "add a vector");
                    }
                }
                finally
                {
                    _contexts.Release();
                }
            });
        }
    }

    /// <summary>Removes the vectors of one version of a paper.</summary>
    public void Remove(long version, int chunks)
    {
        for (var ordinal = 0; ordinal < chunks; ordinal++) Remove(Key(version, ordinal));
    }

    /// <summary>Removes every vector of a version whose chunk count is not known (its ordinals run from 0 without gaps).</summary>
    public void RemoveAll(long version)
    {
        for (var ordinal = 0; ordinal < MaxChunksPerPaper && Contains(Key(version, ordinal)); ordinal++) Remove(Key(version, ordinal));
    }

    private void Remove(ulong key)
    {
        usearch_remove(_index, key, out var error);
        Check(error, "remove a vector");
    }

    /// <summary>
    /// The <paramref name="keys"/>.Length nearest chunks to <paramref name="query"/> (a unit vector) with their
    /// approximate cosines, among those <paramref name="admits"/> accepts (all when null); returns how many were found.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, Func<ulong, bool>? admits, Span<ulong> keys, Span<float> cosines)
    {
        _contexts.Wait();
        var filter = admits is null ? default : GCHandle.Alloc(admits);
        try
        {
            nuint found;
            nint error;
            fixed (float* queryStart = query)
            fixed (ulong* keyStart = keys)
            fixed (float* distanceStart = cosines)
            {
                found = admits is null
                    ? usearch_search(_index, queryStart, ScalarKind.Float32, (nuint)keys.Length, keyStart, distanceStart, out error)
                    : usearch_filtered_search(_index, queryStart, ScalarKind.Float32, (nuint)keys.Length, &Admits, GCHandle.ToIntPtr(filter), keyStart, distanceStart, out error);
            }
            Check(error, "search");
            var count = (int)found;
            // USearch answers cosine distance; the rankings speak cosine similarity.
            for (var i = 0; i < count; i++) cosines[i] = 1 - cosines[i];
            return count;
        }
        finally
        {
            if (filter.IsAllocated) filter.Free();
            _contexts.Release();
        }
    }

    [UnmanagedCallersOnly]
    private static int Admits(ulong key, nint state)
    {
        // An exception must not cross back into native code: a filter that fails admits nothing.
        try
        {
            return ((Func<ulong, bool>)GCHandle.FromIntPtr(state).Target!)(key) ? 1 : 0;
        }
        catch
        {
            return 0;
        }
    }

    /// <summary>Writes USearch's own serialisation to <paramref name="path"/>; searches may run meanwhile, adds may not.</summary>
    public void Save(string path)
    {
        usearch_save(_index, path, out var error);
        Check(error, $"save {path}");
    }

    public void Dispose()
    {
        if (_index == 0) return;
        usearch_free(_index, out _);
        _index = 0;
        _contexts.Dispose();
    }

    private static IndexOptions Options(int dimension) =>
        new(MetricKind.Cos, 0, Quantization, (ulong)dimension, Connectivity, ExpansionAdd, ExpansionSearch, false);

    private void SetContexts()
    {
        usearch_change_threads_search(_index, (nuint)Contexts, out var error);
        Check(error, "prepare search contexts");
        usearch_change_threads_add(_index, (nuint)Contexts, out error);
        Check(error, "prepare add contexts");
    }

    private nuint Call(NativeRead read, string operation)
    {
        var value = read(_index, out var error);
        Check(error, operation);
        return value;
    }

    private delegate nuint NativeRead(nint index, out nint error);
}
