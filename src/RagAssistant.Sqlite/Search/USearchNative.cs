using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The C API of USearch, from the native library the <c>Cloud.Unum.USearch</c> package ships (its own enums and
/// options struct are used, so the values match the library). The package's managed <c>USearchIndex</c> lacks what a
/// growing index searched from many threads needs: reserving capacity ahead (its <c>Add</c> reserves exactly what the
/// call needs), setting the number of search contexts (each concurrent call needs one; a reserve resets them to the
/// core count), a filter during search, and the search breadth after creation.
/// </summary>
internal static unsafe class USearchNative
{
    private const string Library = "libusearch_c";

    [DllImport(Library)] public static extern nint usearch_init(ref IndexOptions options, out nint error);
    [DllImport(Library)] public static extern void usearch_free(nint index, out nint error);
    [DllImport(Library)] public static extern nuint usearch_size(nint index, out nint error);
    [DllImport(Library)] public static extern nuint usearch_capacity(nint index, out nint error);
    [DllImport(Library)] public static extern nuint usearch_memory_usage(nint index, out nint error);
    [DllImport(Library)] public static extern void usearch_reserve(nint index, nuint capacity, out nint error);
    [DllImport(Library)] public static extern void usearch_change_threads_add(nint index, nuint threads, out nint error);
    [DllImport(Library)] public static extern void usearch_change_threads_search(nint index, nuint threads, out nint error);
    [DllImport(Library)] public static extern void usearch_change_expansion_search(nint index, nuint expansion, out nint error);
    [DllImport(Library)] public static extern void usearch_add(nint index, ulong key, float* vector, ScalarKind kind, out nint error);
    [DllImport(Library)] public static extern nuint usearch_remove(nint index, ulong key, out nint error);

    [DllImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static extern bool usearch_contains(nint index, ulong key, out nint error);

    [DllImport(Library)]
    public static extern nuint usearch_search(nint index, float* query, ScalarKind kind, nuint count, ulong* keys, float* distances, out nint error);

    [DllImport(Library)]
    public static extern nuint usearch_filtered_search(
        nint index, float* query, ScalarKind kind, nuint count, delegate* unmanaged<ulong, nint, int> filter, nint filterState,
        ulong* keys, float* distances, out nint error);

    [DllImport(Library)] public static extern void usearch_save(nint index, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, out nint error);
    [DllImport(Library)] public static extern void usearch_load(nint index, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, out nint error);

    /// <summary>Throws when a call reported an error (the library returns a static message, never to be freed).</summary>
    public static void Check(nint error, string operation)
    {
        if (error != 0) throw new InvalidOperationException($"USearch could not {operation}: {Marshal.PtrToStringUTF8(error)}");
    }
}
