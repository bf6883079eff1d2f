using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Sqlite;

/// <summary>
/// The SQLite tables of the embedded store, in <see cref="IndexLayout.Current"/> (recorded as <c>schema_version</c>).
/// Vectors and BM25 terms are little-endian blobs; a sentence's role is <see cref="SentenceRole"/> as a number; a paper's
/// authors are a JSON array of names.
/// </summary>
internal static class EmbeddedSchema
{
    public const int Version = IndexLayout.Current;

    public const string Drop = "DROP TABLE IF EXISTS sentences; DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS papers; DELETE FROM meta;";

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS papers (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            abstract TEXT NOT NULL,
            date TEXT,
            author_count INTEGER,
            upvotes INTEGER,
            url TEXT,
            source_file TEXT NOT NULL,
            source_line INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            term_indices BLOB NOT NULL,
            term_weights BLOB NOT NULL,
            title_vector BLOB,
            authors TEXT,
            pages INTEGER);
        CREATE TABLE IF NOT EXISTS chunks (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            body TEXT NOT NULL,
            vector BLOB,
            PRIMARY KEY (paper_id, ordinal));
        CREATE TABLE IF NOT EXISTS sentences (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            text TEXT NOT NULL,
            role INTEGER,
            vector BLOB,
            section TEXT,
            page INTEGER,
            PRIMARY KEY (paper_id, ordinal));
        """ + Search.PaperVersions.Create;
}
