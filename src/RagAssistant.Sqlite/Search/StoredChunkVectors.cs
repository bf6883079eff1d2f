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
    private const string BestChunksSql = """
        SELECT v.version, c.vector
        FROM paper_versions v JOIN chunks c ON c.paper_id = v.paper_id
        WHERE v.version IN (SELECT value FROM json_each($versions)) AND c.vector IS NOT NULL
        """;

    private readonly ConcurrentBag<SqliteCommand> _statements = [];

    /// <summary>The best chunk cosine of each version found (a version replaced since is simply absent).</summary>
    public Dictionary<long, double> BestCosines(IReadOnlyCollection<long> versions, ReadOnlySpan<float> query)
    {
        var best = new Dictionary<long, double>(versions.Count);
        if (versions.Count == 0) return best;
        var statement = _statements.TryTake(out var kept) ? kept : Prepare();
        var buffer = ArrayPool<byte>.Shared.Rent(query.Length * sizeof(float));
        try
        {
            statement.Parameters[0].Value = Json(versions);
            using var reader = statement.ExecuteReader();
            var bytes = query.Length * sizeof(float);
            while (reader.Read())
            {
                if (reader.GetBytes(1, 0, buffer, 0, bytes) != bytes) continue; // another model's vector: never stored (signature check)
                var version = reader.GetInt64(0);
                double score = TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, bytes)), query);
                if (!best.TryGetValue(version, out var current) || score > current) best[version] = score;
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
            setup.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA query_only = 1;";
            setup.ExecuteNonQuery();
        }
        var command = connection.CreateCommand();
        command.CommandText = BestChunksSql;
        command.Parameters.Add(new SqliteParameter { ParameterName = "$versions" });
        command.Prepare();
        return command;
    }

    private static string Json(IReadOnlyCollection<long> versions)
    {
        var json = new StringBuilder(versions.Count * 8).Append('[');
        foreach (var version in versions) json.Append(version).Append(',');
        json[^1] = ']';
        return json.ToString();
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
