using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Sqlite.Search;

namespace RagAssistant.Sqlite;

/// <summary>
/// The default store: one SQLite file in the data directory, no server. Each write batch is one
/// transaction (a killed run leaves whole papers only); search runs over in-memory indexes kept current with
/// every commit from anywhere (<see cref="LiveSearchIndex"/>): BM25 postings, and dense search exact below
/// <see cref="EmbeddedSearchOptions.ExactBelowChunks"/> and through an HNSW graph saved beside the file above it.
/// </summary>
public sealed partial class EmbeddedPaperIndex : IPaperIndex
{
    public const string FileName = "index.db";

    private readonly string _path;
    private readonly string _connectionString;
    private readonly LiveSearchIndex _search;
    private EmbeddingSignature? _signature;

    public EmbeddedPaperIndex(string dataDirectory, EmbeddedSearchOptions? options = null)
    {
        _path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, ForeignKeys = true }.ToString();
        // The search's watch connection stays open for the life of the index, so it is kept out of the pool.
        var watchConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _search = new LiveSearchIndex(_path, _connectionString, ConnectAsync,
            cancellationToken => ConnectAsync(watchConnectionString, cancellationToken), options ?? new EmbeddedSearchOptions());
    }

    public string Name => "embedded";

    public string Location => _path;

    public Task OpenAsync(EmbeddingSignature signature, CancellationToken cancellationToken = default) =>
        WritingAsync(() => OpenCoreAsync(signature, cancellationToken));

    private async Task<bool> OpenCoreAsync(EmbeddingSignature signature, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var stored = await ReadSignatureAsync(connection, cancellationToken);
        var hasPapers = await HasPapersAsync(connection, cancellationToken);
        if (stored is not null && stored != signature && hasPapers)
        {
            throw new IndexMismatchException($"embedded ({_path})", stored, signature);
        }
        var layout = await ReadLayoutAsync(connection, cancellationToken);
        if (layout != IndexLayout.Current)
        {
            if (hasPapers) throw IndexMismatchException.OlderLayout($"embedded ({_path})", layout, signature);
            // An empty file of an older layout: its tables are simply made anew.
            await ExecuteAsync(connection, EmbeddedSchema.Drop + EmbeddedSchema.Create, cancellationToken);
            stored = null;
        }
        if (stored != signature) await WriteSignatureAsync(connection, signature, cancellationToken);
        await PaperVersions.PrepareAsync(connection, cancellationToken);
        _signature = signature;
        return true;
    }

    public async Task<IReadOnlyDictionary<string, string>> GetContentHashesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, content_hash FROM papers";
        var hashes = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) hashes[reader.GetString(0)] = reader.GetString(1);
        return hashes;
    }

    public Task UpsertAsync(IReadOnlyList<IndexedPaper> papers, CancellationToken cancellationToken = default) =>
        papers.Count == 0 ? Task.CompletedTask : WritingAsync(() => UpsertCoreAsync(papers, cancellationToken));

    private async Task<bool> UpsertCoreAsync(IReadOnlyList<IndexedPaper> papers, CancellationToken cancellationToken)
    {
        var dimension = RequireOpen().Dimension;
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var deleteChunks = Command(connection, transaction, "DELETE FROM chunks WHERE paper_id = $id", "$id");
        await using var deleteSentences = Command(connection, transaction, "DELETE FROM sentences WHERE paper_id = $id", "$id");
        await using var upsertPaper = Command(connection, transaction,
            """
            INSERT OR REPLACE INTO papers (id, title, abstract, date, author_count, upvotes, url, source_file, source_line, content_hash, term_indices, term_weights, title_vector, authors, pages)
            VALUES ($id, $title, $abstract, $date, $authors, $upvotes, $url, $file, $line, $hash, $indices, $weights, $title_vector, $names, $pages)
            """,
            "$id", "$title", "$abstract", "$date", "$authors", "$upvotes", "$url", "$file", "$line", "$hash", "$indices", "$weights", "$title_vector", "$names", "$pages");
        await using var insertChunk = Command(connection, transaction,
            "INSERT INTO chunks (paper_id, ordinal, body, vector) VALUES ($paper, $ordinal, $body, $vector)",
            "$paper", "$ordinal", "$body", "$vector");
        await using var insertSentence = Command(connection, transaction,
            "INSERT INTO sentences (paper_id, ordinal, text, role, vector, section, page) VALUES ($paper, $ordinal, $text, $role, $vector, $section, $page)",
            "$paper", "$ordinal", "$text", "$role", "$vector", "$section", "$page");

        foreach (var (paper, chunks, vectors, terms, sentences) in papers)
        {
            if (dimension > 0 && vectors.Any(vector => vector.Length != dimension))
            {
                throw new ArgumentException($"Paper {paper.Id} has a vector that is not {dimension}-dimensional.", nameof(papers));
            }
            await Run(deleteChunks, cancellationToken, paper.Id);
            await Run(deleteSentences, cancellationToken, paper.Id);
            await Run(upsertPaper, cancellationToken,
                paper.Id, paper.Title, paper.Abstract, paper.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                paper.AuthorCount, paper.Upvotes, paper.Url, paper.Source.File, paper.Source.Line, paper.ContentHash,
                MemoryMarshal.AsBytes(terms.Indices.AsSpan()).ToArray(), MemoryMarshal.AsBytes(terms.Values.AsSpan()).ToArray(),
                VectorBlob(sentences.TitleVector), paper.Authors.Count > 0 ? System.Text.Json.JsonSerializer.Serialize(paper.Authors) : null, paper.Pages);
            for (var i = 0; i < chunks.Count; i++)
            {
                object? vector = i < vectors.Count ? MemoryMarshal.AsBytes(vectors[i].Span).ToArray() : null;
                await Run(insertChunk, cancellationToken, paper.Id, chunks[i].Ordinal, chunks[i].Body, vector);
            }
            foreach (var sentence in sentences.Sentences)
            {
                await Run(insertSentence, cancellationToken, paper.Id, sentence.Ordinal, sentence.Text, (int?)sentence.Role, VectorBlob(sentence.Vector), sentence.Section, sentence.Page);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        try
        {
            await _search.AfterWriteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The papers are committed; the search indexes retry on the next search, which reports a lasting failure.
        }
        return true;
    }

    public Task<PaperRankings> RankAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        _search.RankAsync(query, cancellationToken);

    public async Task<IReadOnlyList<Paper>> GetPapersAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default)
    {
        if (paperIds.Count == 0) return [];
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement for the whole list: ids travel as a JSON array, so no parameter limit applies.
        command.CommandText = $"{SelectPaper} WHERE id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(paperIds));
        var found = new Dictionary<string, Paper>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var paper = ToPaper(reader);
            found[paper.Id] = paper;
        }
        return [.. paperIds.Where(found.ContainsKey).Select(id => found[id])];
    }

    public async Task<IReadOnlyList<PaperSentences>> GetSentencesAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default)
    {
        if (paperIds.Count == 0) return [];
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.id, p.title_vector, s.ordinal, s.text, s.role, s.vector, s.section, s.page
            FROM papers p LEFT JOIN sentences s ON s.paper_id = p.id
            WHERE p.id IN (SELECT value FROM json_each($ids))
            ORDER BY p.id, s.ordinal
            """;
        command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(paperIds));
        var found = new Dictionary<string, (ReadOnlyMemory<float> Title, List<PaperSentence> Sentences)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (!found.TryGetValue(id, out var paper)) found[id] = paper = (Vector(reader, 1), []);
            if (reader.IsDBNull(2)) continue; // a paper without sentences (the LEFT JOIN's one empty row)
            paper.Sentences.Add(new PaperSentence(
                reader.GetInt32(2), reader.GetString(3), reader.IsDBNull(4) ? null : (SentenceRole)reader.GetInt32(4), Vector(reader, 5))
            {
                Section = reader.IsDBNull(6) ? null : reader.GetString(6),
                Page = reader.IsDBNull(7) ? null : reader.GetInt32(7),
            });
        }
        return [.. paperIds.Where(found.ContainsKey).Select(id => new PaperSentences(id, found[id].Title, found[id].Sentences))];
    }

    public async Task<Paper?> GetPaperAsync(string paperId, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await ReadPaperAsync(connection, paperId, cancellationToken);
    }

    public async Task<long> CountPapersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await CountAsync(connection, cancellationToken);
    }

    public async IAsyncEnumerable<Paper> ListPapersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{SelectPaper} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) yield return ToPaper(reader);
    }

    public Task ClearAsync(CancellationToken cancellationToken = default) => WritingAsync(async () =>
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Dropped and made anew rather than emptied, so that a file of an older layout gets today's tables.
        command.CommandText = EmbeddedSchema.Drop + EmbeddedSchema.Create;
        await command.ExecuteNonQueryAsync(cancellationToken);
        _signature = null;
        await _search.ResetAsync();
        return true;
    });

    /// <summary>
    /// Turns SQLite's codes for a read-only or full disk into a message that names the data directory and what to do.
    /// SQLite has already rolled the failed transaction back, so the papers of earlier batches are whole and kept.
    /// </summary>
    private async Task WritingAsync(Func<Task<bool>> write)
    {
        try
        {
            await write();
        }
        catch (SqliteException exception)
        {
            throw new IOException($"The embedded index at {_path} cannot be written: {StorageProblem(exception)}.", exception);
        }
    }

    private string StorageProblem(SqliteException exception)
    {
        var folder = Path.GetDirectoryName(_path);
        return exception.SqliteErrorCode switch
        {
            // SQLite says "cannot open" when a read-only folder keeps it from creating the WAL files, so ask the folder.
            SqliteReadOnly or SqliteCantOpen when !IsWritable(folder!) =>
                $"the data directory {folder} is read-only; point Rag:DataDir at a writable folder",
            SqliteReadOnly => $"the file is read-only; check the permissions of {_path}",
            SqliteFull => $"the disk holding {folder} is full; papers written before this batch are kept, so free some space and run again",
            SqliteCantOpen => $"the file cannot be opened or created; check that {folder} is a writable folder",
            _ => exception.Message,
        };
    }

    private static bool IsWritable(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteReadOnly = 8;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    public ValueTask DisposeAsync() => _search.DisposeAsync();

    /// <summary>For tests: runs after the search has read the store's changes and before it applies them, so a write can land in between.</summary>
    /// <summary>Whether the search's last full load (made by the first search) used the papers and postings saved beside the file.</summary>
    internal bool LoadedSavedPapers => _search.LoadedSavedPapers;

    internal Func<Task>? AfterChangesRead
    {
        get => _search.AfterChangesRead;
        set => _search.AfterChangesRead = value;
    }

    private EmbeddingSignature RequireOpen() =>
        _signature ?? throw new InvalidOperationException("Open the index (OpenAsync) before writing to it.");

    private Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken) => ConnectAsync(_connectionString, cancellationToken);

    private async Task<SqliteConnection> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The data directory {Path.GetDirectoryName(_path)} cannot be created or used (Rag:DataDir): {exception.Message}", exception);
        }
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // WAL: readers never wait for the indexer, and a killed writer rolls back cleanly.
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;" + EmbeddedSchema.Create;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync();
            throw new IOException($"The embedded index at {_path} cannot be opened: {StorageProblem(exception)}.", exception);
        }
    }

    private static async Task<EmbeddingSignature?> ReadSignatureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM meta";
        var meta = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) meta[reader.GetString(0)] = reader.GetString(1);
        return meta.TryGetValue("embedding_provider", out var provider)
            ? new EmbeddingSignature(provider, meta["embedding_model"], int.Parse(meta["embedding_dimension"], CultureInfo.InvariantCulture))
            : null;
    }

    private static async Task WriteSignatureAsync(SqliteConnection connection, EmbeddingSignature signature, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO meta (key, value) VALUES
              ('schema_version', $version), ('embedding_provider', $provider), ('embedding_model', $model), ('embedding_dimension', $dimension)
            """;
        command.Parameters.AddWithValue("$version", EmbeddedSchema.Version.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$provider", signature.Provider);
        command.Parameters.AddWithValue("$model", signature.Model);
        command.Parameters.AddWithValue("$dimension", signature.Dimension.ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The layout the file was written in: <see cref="IndexLayout.Unrecorded"/> for a file of the first layout, the current one for a new file.</summary>
    private static async Task<int> ReadLayoutAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT value FROM meta WHERE key = 'schema_version'), (SELECT COUNT(*) FROM meta)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.IsDBNull(0)) return int.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
        return reader.GetInt64(1) > 0 ? IndexLayout.Unrecorded : IndexLayout.Current;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static object? VectorBlob(ReadOnlyMemory<float> vector) => vector.IsEmpty ? null : MemoryMarshal.AsBytes(vector.Span).ToArray();

    private static ReadOnlyMemory<float> Vector(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? ReadOnlyMemory<float>.Empty : MemoryMarshal.Cast<byte, float>((byte[])reader[column]).ToArray();

    /// <summary>Whether the store holds any paper: one row read, where counting them walks an index of a million.</summary>
    private static async Task<bool> HasPapersAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM papers)";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! != 0;
    }

    private static async Task<long> CountAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM papers";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<Paper?> ReadPaperAsync(SqliteConnection connection, string paperId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"{SelectPaper} WHERE id = $id";
        command.Parameters.AddWithValue("$id", paperId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ToPaper(reader) : null;
    }

    private const string SelectPaper = "SELECT id, title, abstract, date, author_count, upvotes, url, source_file, source_line, authors, pages FROM papers";

    private static Paper ToPaper(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            ParseDate(reader, 3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4),
            reader.IsDBNull(5) ? null : reader.GetInt32(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            new SourceLocation(reader.GetString(7), reader.GetInt32(8)))
        {
            Authors = reader.IsDBNull(9) ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(reader.GetString(9)) ?? [],
            Pages = reader.IsDBNull(10) ? null : reader.GetInt32(10),
        };

    private static DateOnly? ParseDate(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateOnly.ParseExact(reader.GetString(column), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static Task<int> Run(SqliteCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }
}
