using System.Buffers.Binary;
using System.Text;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The dense graph saved beside <c>index.db</c> (<c>index.db.graph</c>): USearch's serialisation followed by a
/// trailer naming the store it was built from (its epoch, which a rebuild of the store changes), the vector
/// dimension and the highest paper version it may hold. Replaced whole (<see cref="SideFile"/>). It only saves work: SQLite
/// stays the source of truth, and a graph that does not match it is rebuilt, never trusted.
/// </summary>
internal static class GraphFile
{
    private const string Suffix = ".graph";
    private const int Format = 1;
    private static readonly byte[] Magic = "RAGGRAPH"u8.ToArray();

    // Trailer: format, dimension, max version, graph length, epoch length, epoch bytes; then its length and the magic.
    private const int FixedTrailer = 4 + 4 + 8 + 8 + 4;

    public static string PathFor(string databasePath) => databasePath + Suffix;

    /// <summary>What a saved graph says of itself.</summary>
    public sealed record Stamp(string Epoch, int Dimension, long MaxVersion);

    /// <summary>
    /// The graph saved for this store, or null when there is none or it cannot be used: another store's (epoch),
    /// another model's (dimension), newer than the store (a file restored from an older copy), or damaged.
    /// </summary>
    public static DenseGraph? TryLoad(string databasePath, string epoch, int dimension, long storeMaxVersion)
    {
        var path = PathFor(databasePath);
        try
        {
            if (!File.Exists(path)) return null;
            Stamp? stamp;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                stamp = ReadTrailer(file);
            }
            if (stamp is null || stamp.Epoch.Length == 0 || stamp.Epoch != epoch || stamp.Dimension != dimension || stamp.MaxVersion > storeMaxVersion)
            {
                return null;
            }
            return DenseGraph.Load(path, dimension);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null; // rebuilt from SQLite
        }
    }

    /// <summary>Saves <paramref name="graph"/> as the graph of the store stamped <paramref name="stamp"/>, replacing any earlier file.</summary>
    public static void Save(string databasePath, DenseGraph graph, Stamp stamp) =>
        SideFile.Replace(PathFor(databasePath), temporary =>
        {
            graph.Save(temporary);
            using var file = new FileStream(temporary, FileMode.Append, FileAccess.Write, FileShare.None);
            WriteTrailer(file, stamp, file.Length);
            file.Flush(flushToDisk: true);
        });

    public static void Delete(string databasePath) => SideFile.Delete(PathFor(databasePath));

    private static void WriteTrailer(Stream file, Stamp stamp, long graphLength)
    {
        var epoch = Encoding.UTF8.GetBytes(stamp.Epoch);
        var trailer = new byte[FixedTrailer + epoch.Length + 4 + Magic.Length];
        var span = trailer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, Format);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], stamp.Dimension);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], stamp.MaxVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], graphLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], epoch.Length);
        epoch.CopyTo(span[FixedTrailer..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(FixedTrailer + epoch.Length)..], FixedTrailer + epoch.Length);
        Magic.CopyTo(span[(FixedTrailer + epoch.Length + 4)..]);
        file.Write(trailer);
    }

    private static Stamp? ReadTrailer(FileStream file)
    {
        var tail = new byte[4 + Magic.Length];
        if (file.Length < tail.Length + FixedTrailer) return null;
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        if (!tail.AsSpan(4).SequenceEqual(Magic)) return null;
        var trailerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (trailerLength < FixedTrailer || trailerLength > 4096 || trailerLength + tail.Length > file.Length) return null;
        var trailer = new byte[trailerLength];
        file.Seek(-(tail.Length + trailerLength), SeekOrigin.End);
        file.ReadExactly(trailer);
        var span = trailer.AsSpan();
        var graphLength = BinaryPrimitives.ReadInt64LittleEndian(span[16..]);
        var epochLength = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        if (BinaryPrimitives.ReadInt32LittleEndian(span) != Format || epochLength != trailerLength - FixedTrailer
            || graphLength + trailerLength + tail.Length != file.Length)
        {
            return null;
        }
        return new Stamp(
            Encoding.UTF8.GetString(span.Slice(FixedTrailer, epochLength)),
            BinaryPrimitives.ReadInt32LittleEndian(span[4..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[8..]));
    }
}
