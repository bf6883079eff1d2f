using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Sqlite.Search;

/// <summary>What the in-memory indexes read from SQLite: the store's head, and papers and chunk vectors by version.</summary>
internal static class StoreChanges
{
    /// <summary>The store as one read transaction sees it: its epoch, vector dimension and the highest version ever given.</summary>
    public sealed record Head(string Epoch, int Dimension, long MaxVersion);

    /// <summary>A paper version as the indexes need it; its chunks are the rows <paramref name="FirstChunkRow"/> to <paramref name="LastChunkRow"/> of the chunks table (one write, so together).</summary>
    public sealed record ChangedPaper(long Version, string Id, DateOnly? Date, SparseVector Terms, int Chunks, long FirstChunkRow, long LastChunkRow);

    public static async Task<Head> ReadHeadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT (SELECT value FROM meta WHERE key = '{PaperVersions.EpochKey}'),
                   (SELECT value FROM meta WHERE key = 'embedding_dimension'),
                   (SELECT seq FROM sqlite_sequence WHERE name = 'paper_versions')
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Head(
            reader.IsDBNull(0) ? "" : reader.GetString(0),
            reader.IsDBNull(1) ? 0 : int.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
            reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
    }

    /// <summary>Papers whose current version is above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public static async Task ReadPapersAsync(
        SqliteConnection connection, long after, int limit, Action<ChangedPaper> paper, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // The chunks' count and rows come from their primary-key index alone; a paper's chunks all have vectors or none do.
        command.CommandText = """
            SELECT v.version, p.id, p.date, p.term_indices, p.term_weights,
                   (SELECT COUNT(*) FROM chunks c WHERE c.paper_id = p.id),
                   (SELECT MIN(rowid) FROM chunks c WHERE c.paper_id = p.id),
                   (SELECT MAX(rowid) FROM chunks c WHERE c.paper_id = p.id)
            FROM paper_versions v JOIN papers p ON p.id = v.paper_id
            WHERE v.version > $after
            ORDER BY v.version
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var terms = new SparseVector(
                MemoryMarshal.Cast<byte, uint>((byte[])reader[3]).ToArray(),
                MemoryMarshal.Cast<byte, float>((byte[])reader[4]).ToArray());
            var date = reader.IsDBNull(2) ? (DateOnly?)null : DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var (first, last) = reader.IsDBNull(6) ? (0L, -1L) : (reader.GetInt64(6), reader.GetInt64(7));
            paper(new ChangedPaper(reader.GetInt64(0), reader.GetString(1), date, terms, reader.GetInt32(5), first, last));
        }
    }

    /// <summary>Summed versions are reduced by this prime, so the sum of up to nine billion of them stays inside a long.</summary>
    public const long VersionSumModulus = 1_000_000_007;

    /// <summary>
    /// How many current versions up to <paramref name="upTo"/> the store holds and their sum (each reduced by
    /// <see cref="VersionSumModulus"/>): one pass over the versions' b-tree inside SQLite, with nothing handed out per row.
    /// </summary>
    public static async Task<(long Count, long Sum)> SummariseVersionsAsync(SqliteConnection connection, long upTo, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*), COALESCE(SUM(version % {VersionSumModulus}), 0) FROM paper_versions WHERE version <= $upTo";
        command.Parameters.AddWithValue("$upTo", upTo);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The current versions of papers up to <paramref name="upTo"/>, ascending: a walk of the versions' own b-tree.</summary>
    public static async Task ReadVersionsAsync(SqliteConnection connection, long upTo, Action<long> version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM paper_versions WHERE version <= $upTo ORDER BY version";
        command.Parameters.AddWithValue("$upTo", upTo);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) version(reader.GetInt64(0));
    }

    /// <summary>
    /// The chunk vectors of the versions in (<paramref name="after"/>, <paramref name="upTo"/>], or only of
    /// <paramref name="versions"/> when given, handed over a batch at a time (the batch is reused).
    /// </summary>
    public static async Task ReadVectorsAsync(
        SqliteConnection connection, int dimension, long after, long upTo, IReadOnlyCollection<long>? versions,
        VectorBatch batch, Action<VectorBatch> full, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var which = versions is null ? "v.version > $after AND v.version <= $upTo" : "v.version IN (SELECT value FROM json_each($versions))";
        command.CommandText = $"""
            SELECT v.version, c.ordinal, c.vector
            FROM paper_versions v JOIN chunks c ON c.paper_id = v.paper_id
            WHERE {which} AND c.vector IS NOT NULL
            ORDER BY v.version, c.ordinal
            """;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$upTo", upTo);
        command.Parameters.AddWithValue("$versions", versions is null ? "[]" : JsonSerializer.Serialize(versions));
        var bytes = dimension * sizeof(float);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = batch.Count;
            if (reader.GetBytes(2, 0, batch.Bytes, row * bytes, bytes) != bytes) continue; // not this model's vector: left out
            batch.Versions[row] = reader.GetInt64(0);
            batch.Ordinals[row] = reader.GetInt32(1);
            if (++batch.Count == batch.Capacity)
            {
                full(batch);
                batch.Count = 0;
            }
        }
        if (batch.Count > 0) full(batch);
        batch.Count = 0;
    }

    /// <summary>Chunk vectors read together: version and ordinal per row, and the rows' f32 values.</summary>
    public sealed class VectorBatch(int capacity, int dimension)
    {
        public int Capacity => capacity;
        public int Dimension => dimension;
        public int Count { get; set; }
        public long[] Versions { get; } = new long[capacity];
        public int[] Ordinals { get; } = new int[capacity];
        public byte[] Bytes { get; } = new byte[capacity * dimension * sizeof(float)];

        public ReadOnlySpan<float> Vectors => MemoryMarshal.Cast<byte, float>(Bytes.AsSpan(0, Count * dimension * sizeof(float)));

        public ReadOnlySpan<float> Vector(int row) => MemoryMarshal.Cast<byte, float>(Bytes.AsSpan(row * dimension * sizeof(float), dimension * sizeof(float)));
    }
}
