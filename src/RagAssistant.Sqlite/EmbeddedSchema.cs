namespace RagAssistant.Sqlite;

/// <summary>The SQLite tables of the embedded store. Vectors and BM25 terms are little-endian blobs.</summary>
internal static class EmbeddedSchema
{
    public const int Version = 1;

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
            term_weights BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS chunks (
            paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            body TEXT NOT NULL,
            vector BLOB,
            PRIMARY KEY (paper_id, ordinal));
        """ + Search.PaperVersions.Create;
}
