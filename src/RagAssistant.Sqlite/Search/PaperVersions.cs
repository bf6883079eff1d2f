using Microsoft.Data.Sqlite;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// A version number for every write of a paper, so the in-memory indexes and the saved graph can tell exactly
/// what changed since they were built. A trigger gives each paper written (insert or replace) a new version from
/// an AUTOINCREMENT key, which SQLite never hands out twice; the table holds each paper's current version. The
/// store's epoch, a random id made when the store is created or cleared, tells one store's versions from another's.
/// </summary>
internal static class PaperVersions
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS paper_versions (
            version INTEGER PRIMARY KEY AUTOINCREMENT,
            paper_id TEXT NOT NULL UNIQUE REFERENCES papers(id) ON DELETE CASCADE);
        CREATE TRIGGER IF NOT EXISTS paper_written AFTER INSERT ON papers
        BEGIN
            INSERT OR REPLACE INTO paper_versions (paper_id) VALUES (new.id);
        END;
        """;

    public const string EpochKey = "search_epoch";

    /// <summary>
    /// Records the store's epoch if it has none (a new or cleared store), and versions papers written before the
    /// versions existed. Part of opening the store for writing.
    /// </summary>
    public static async Task PrepareAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT OR IGNORE INTO meta (key, value) VALUES ('{EpochKey}', lower(hex(randomblob(16))));
            INSERT INTO paper_versions (paper_id)
              SELECT id FROM papers
              WHERE (SELECT COUNT(*) FROM papers) <> (SELECT COUNT(*) FROM paper_versions)
                AND id NOT IN (SELECT paper_id FROM paper_versions)
              ORDER BY rowid;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
