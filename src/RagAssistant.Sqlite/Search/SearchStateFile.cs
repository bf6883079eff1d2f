using System.Text;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The papers and BM25 postings saved beside <c>index.db</c> (<c>index.db.search</c>), so that opening a large
/// store reads a few large arrays instead of every paper's terms and chunk rows from SQLite. A header names the
/// store it was saved from (its epoch, the vector dimension, the highest paper version it holds); a trailer holds
/// the XxHash3 of everything before it. Replaced whole (<see cref="SideFile"/>). It only saves work: a file that
/// is missing, cut short, damaged, another store's or newer than the store is not used, and everything is read
/// from SQLite, which stays the source of truth.
/// </summary>
internal static class SearchStateFile
{
    private const string Suffix = ".search";
    private const int Format = 2; // raised whenever the layout changes: a file of another layout is not used
    private static readonly byte[] Magic = "RAGSRCH1"u8.ToArray();
    private const int Trailer = sizeof(ulong) + 8;

    public static string PathFor(string databasePath) => databasePath + Suffix;

    /// <summary>The papers and postings saved for this store, or null when there are none it can use.</summary>
    public static (PaperSlots Papers, Bm25Postings Postings)? TryLoad(string databasePath, StoreChanges.Head head)
    {
        var path = PathFor(databasePath);
        try
        {
            if (!File.Exists(path)) return null;
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            if (file.Length < Trailer + Magic.Length) return null;
            var tail = new byte[Trailer];
            file.Seek(-Trailer, SeekOrigin.End);
            file.ReadExactly(tail);
            if (!tail.AsSpan(sizeof(ulong)).SequenceEqual(Magic)) return null;
            file.Seek(0, SeekOrigin.Begin);

            var reader = new StateFileReader(file, file.Length - Trailer);
            var magic = new byte[Magic.Length];
            reader.ReadInto<byte>(magic);
            if (!magic.AsSpan().SequenceEqual(Magic) || reader.Read<int>() != Format) return null;
            var dimension = reader.Read<int>();
            var maxVersion = reader.Read<long>();
            var epoch = Encoding.UTF8.GetString(reader.ReadArray<byte>(reader.ReadCount(1)));
            if (epoch.Length == 0 || epoch != head.Epoch || dimension != head.Dimension || maxVersion > head.MaxVersion) return null;

            var papers = PaperSlots.ReadFrom(reader);
            var postings = Bm25Postings.ReadFrom(reader, papers.Count);
            if (papers.LastVersion != maxVersion || reader.Hash() != BitConverter.ToUInt64(tail)) return null;
            return (papers, postings);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or OutOfMemoryException)
        {
            return null; // read from SQLite
        }
    }

    /// <summary>Saves the papers and postings of a state stamped with its epoch, dimension and last paper version.</summary>
    public static void Save(string databasePath, SearchState state) =>
        SideFile.Replace(PathFor(databasePath), temporary =>
        {
            using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            var writer = new StateFileWriter(file);
            writer.Write<byte>(Magic);
            writer.Write(Format);
            writer.Write(state.Dimension);
            writer.Write(state.Papers.LastVersion);
            var epoch = Encoding.UTF8.GetBytes(state.Epoch);
            writer.Write(epoch.Length);
            writer.Write<byte>(epoch);
            state.Papers.WriteTo(writer);
            state.Postings.WriteTo(writer, state.Papers.Count);
            var hash = writer.Finish();
            file.Write(BitConverter.GetBytes(hash));
            file.Write(Magic);
            file.Flush(flushToDisk: true);
        });

    public static void Delete(string databasePath) => SideFile.Delete(PathFor(databasePath));
}
