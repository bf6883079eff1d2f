using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>What a store costs the machine: the process's working set and the store's files on disk.</summary>
internal static class StoreFootprint
{
    /// <summary>
    /// Hands memory freed by earlier work (building the store, a previous size) back to the system, so that the
    /// working set measured next counts what is held now: a full compacting collection for the managed heap, and
    /// glibc's <c>malloc_trim</c> for the native one (USearch's graph, SQLite's caches).
    /// </summary>
    public static void ReleaseFreedMemory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        if (OperatingSystem.IsLinux()) MallocTrim(0);
    }

    public static double WorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return Math.Round(process.WorkingSet64 / 1048576.0, 0);
    }

    /// <summary>
    /// What the managed heap holds from the system (committed), so the rest of the working set is seen to be native:
    /// USearch's graph, SQLite's page caches, the ONNX model, the runtime itself.
    /// </summary>
    public static double ManagedHeapMegabytes() => Math.Round(GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0, 0);

    /// <summary>
    /// The part of the working set that is pages of mapped files (Linux's RssFile): the pages of <c>index.db</c> SQLite
    /// maps for re-scoring, the runtime's and the model's files. The kernel can drop them at any time and read them
    /// again, unlike the rest of the working set; 0 where the figure is not available.
    /// </summary>
    public static double MappedFileMegabytes()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("RssFile:", StringComparison.Ordinal));
        var kilobytes = line?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is [_, var value, "kB"] ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return Math.Round(kilobytes / 1024, 0);
    }

    /// <summary>The files in the store's folder (the SQLite file, its journal, the saved graph).</summary>
    public static double DiskMegabytes(string folder, string pattern = "*") =>
        Math.Round(new DirectoryInfo(folder).EnumerateFiles(pattern).Sum(file => file.Length) / 1048576.0, 1);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
