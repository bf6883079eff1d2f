using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// Scores papers exactly against the f32 chunk vectors in SQLite: the graph's candidates get the same cosine an
/// exact scan would give them, and no f32 copy of a large store has to stay in memory. Reads go through a few
/// connections kept open, each with its statement prepared once.
/// </summary>
internal sealed class StoredChunkVectors(string connectionString) : IDisposable
{
    // By rowid: one b-tree lookup per chunk, where finding a paper's chunks by its id would take three.
    private const string ChunkRowsSql = "SELECT rowid, paper_id, vector FROM chunks WHERE rowid IN (SELECT value FROM json_each($rows))";

    private readonly ConcurrentBag<SqliteCommand> _statements = [];

    /// <summary>
    /// The best chunk cosine of each slot's paper. A row that no longer belongs to the slot's paper (written anew
    /// since, and not yet caught up with) is passed over, and a paper with no row left is absent.
    /// </summary>
    public Dictionary<int, double> BestCosines(IReadOnlyCollection<int> slots, PaperSlots papers, ReadOnlySpan<float> query)
    {
        var best = new Dictionary<int, double>(slots.Count);
        if (slots.Count == 0) return best;
        var slotOfRow = new Dictionary<long, int>(slots.Count * 2);
        var rows = new StringBuilder(slots.Count * 24).Append('[');
        foreach (var slot in slots)
        {
            var (first, last) = papers.ChunkRowsOf(slot);
            for (var row = first; row <= last; row++)
            {
                slotOfRow[row] = slot;
                rows.Append(row).Append(',');
            }
        }
        if (slotOfRow.Count == 0) return best;
        rows[^1] = ']';
        var statement = _statements.TryTake(out var kept) ? kept : Prepare();
        var buffer = ArrayPool<byte>.Shared.Rent(query.Length * sizeof(float));
        try
        {
            statement.Parameters[0].Value = rows.ToString();
            using var reader = statement.ExecuteReader();
            var bytes = query.Length * sizeof(float);
            while (reader.Read())
            {
                var slot = slotOfRow[reader.GetInt64(0)];
                if (reader.IsDBNull(2) || reader.GetString(1) != papers.IdOf(slot)) continue;
                if (reader.GetBytes(2, 0, buffer, 0, bytes) != bytes) continue; // another model's vector: never stored (signature check)
                double score = TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, bytes)), query);
                if (!best.TryGetValue(slot, out var current) || score > current) best[slot] = score;
            }
            return best;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _statements.Add(statement);
        }
    }

    private SqliteCommand Prepare()
    {
        // Kept open for the life of the search and read-only, so outside the pool: a pooled one would carry query_only to writers.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA query_only = 1; PRAGMA mmap_size = 17179869184;";
            setup.ExecuteNonQuery();
        }
        var command = connection.CreateCommand();
        command.CommandText = ChunkRowsSql;
        command.Parameters.Add(new SqliteParameter { ParameterName = "$rows" });
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        while (_statements.TryTake(out var statement))
        {
            var connection = statement.Connection!;
            statement.Dispose();
            connection.Dispose();
        }
    }
}
