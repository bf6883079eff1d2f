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
    /// Records the store's epoch if it has none (a new or cleared store). Part of opening the store for writing, so it
    /// must stay cheap at a million papers: it touches one row of <c>meta</c>. Every paper is versioned by the trigger
    /// as it is written; a store written before versions existed is of an older layout
    /// (<see cref="Core.Retrieval.IndexLayout"/>), which opening refuses when it holds papers, so none lacks a version.
    /// </summary>
    public static async Task PrepareAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT OR IGNORE INTO meta (key, value) VALUES ('{EpochKey}', lower(hex(randomblob(16))));";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
