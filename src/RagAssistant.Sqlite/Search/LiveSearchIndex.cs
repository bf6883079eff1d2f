using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Sqlite.Search;

/// <summary>
/// The store's in-memory search, kept current with the SQLite file. SQLite's <c>PRAGMA data_version</c> changes
/// whenever a connection other than the one asking commits — this process, or `rag index` in another — so one cheap
/// pragma per search says whether anything changed; then only the paper versions written since are read and applied
/// (a new epoch, a failed change or too many replaced papers load everything again). Searches share a read lock;
/// applying a change takes the write lock briefly, and adding vectors to the graph happens beside searches.
/// </summary>
internal sealed class LiveSearchIndex(
    string databasePath,
    string connectionString,
    Func<CancellationToken, Task<SqliteConnection>> connect,
    Func<CancellationToken, Task<SqliteConnection>> openWatchConnection,
    EmbeddedSearchOptions options) : IAsyncDisposable
{
    /// <summary>Papers read and applied at a time, so a large change never sits in memory whole.</summary>
    private const int PapersPerRound = 1024;

    /// <summary>Vectors added to the graph in one call; the batch buffer is reused.</summary>
    private const int VectorsPerBatch = 4096;

    /// <summary>The graph is saved once this many vectors (or a quarter of the graph) were added since the last save.</summary>
    private const long SaveAfterVectors = 10_000;

    /// <summary>The papers and postings are saved once this many papers (or a quarter of them) changed since the last save.</summary>
    private const long SavePapersAfter = 10_000;

    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly SemaphoreSlim _watchLock = new(1, 1);
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly StoredChunkVectors _stored = new(connectionString);
    private SqliteConnection? _watchConnection;
    private SearchState? _state;
    private long _dataVersion = -1;

    /// <summary>Whether the last full load started from the saved papers and postings rather than reading them all from SQLite.</summary>
    public bool LoadedSavedPapers { get; private set; }

    /// <summary>For tests: runs after a refresh has read the changes and before they are applied, so a write can land in between.</summary>
    public Func<Task>? AfterChangesRead { get; set; }

    public async Task<PaperRankings> RankAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        await RefreshAsync(wait: true, cancellationToken);
        _lock.EnterReadLock();
        try
        {
            var state = _state ?? throw new ObjectDisposedException(nameof(LiveSearchIndex));
            return RankBothWays(state, query);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The dense and the sparse ranking share nothing, so they run side by side: a question waits for the slower of
    /// the two, not for both. Parallel.Invoke runs one of them on the calling thread (which holds the read lock for
    /// both), so a busy thread pool delays the other but never deadlocks it; a failure surfaces as itself, not wrapped.
    /// </summary>
    private static PaperRankings RankBothWays(SearchState state, SearchQuery query)
    {
        IReadOnlyList<RankedPaper> dense = [], sparse = [];
        try
        {
            Parallel.Invoke(() => dense = state.RankDense(query), () => sparse = state.RankSparse(query));
        }
        catch (AggregateException failed)
        {
            ExceptionDispatchInfo.Throw(failed.InnerExceptions[0]);
        }
        return new PaperRankings(dense, sparse);
    }

    /// <summary>
    /// After this process wrote: brings the indexes (and so the saved graph) up to date, unless a refresh is already
    /// under way — the next search then reads what this one would have.
    /// </summary>
    public Task AfterWriteAsync(CancellationToken cancellationToken) => RefreshAsync(wait: false, cancellationToken);

    /// <summary>After the store was cleared: forgets everything, and the saved graph with it.</summary>
    public async Task ResetAsync()
    {
        await _refreshLock.WaitAsync();
        try
        {
            Swap(null);
            GraphFile.Delete(databasePath);
            SearchStateFile.Delete(databasePath);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task RefreshAsync(bool wait, CancellationToken cancellationToken)
    {
        if (_state is not null && Volatile.Read(ref _dataVersion) == await ReadDataVersionAsync(cancellationToken)) return;
        if (!wait)
        {
            if (!await _refreshLock.WaitAsync(0, cancellationToken)) return;
        }
        else
        {
            await _refreshLock.WaitAsync(cancellationToken);
        }
        try
        {
            // Read before the changes, and kept with them: a write committed meanwhile changes the version, so the
            // next search looks again rather than trust indexes that may lack that write.
            var dataVersion = await ReadDataVersionAsync(cancellationToken);
            if (_state is not null && _dataVersion == dataVersion) return;
            await using var connection = await connect(cancellationToken);
            if (!await TryCatchUpAsync(connection, cancellationToken))
            {
                var fresh = await LoadAsync(connection, cancellationToken);
                Swap(fresh);
            }
            Volatile.Write(ref _dataVersion, dataVersion);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>Applies the versions written since the current state; false when the state must be loaded afresh.</summary>
    private async Task<bool> TryCatchUpAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var state = _state;
        if (state is null || state.NeedsReload) return false;
        await using var transaction = connection.BeginTransaction(deferred: true);
        var head = await StoreChanges.ReadHeadAsync(connection, cancellationToken);
        if (head.Epoch != state.Epoch || head.Dimension != state.Dimension) return false;
        var batch = state.Dimension > 0 ? new StoreChanges.VectorBatch(VectorsPerBatch, state.Dimension) : null;
        while (true)
        {
            var papers = new List<StoreChanges.ChangedPaper>();
            var after = state.Papers.LastVersion;
            await StoreChanges.ReadPapersAsync(connection, after, PapersPerRound, papers.Add, cancellationToken);
            if (AfterChangesRead is { } hook) await hook();
            if (papers.Count == 0) break;
            var vectors = batch is null ? null : await ReadVectorsAsync(connection, batch, after, papers[^1].Version, cancellationToken);
            Apply(state, papers, vectors);
            if (state.NeedsReload) return false;
            if (papers.Count < PapersPerRound) break;
        }
        if (state.Dimension > 0 && !state.UsesGraph && state.WantsGraph(state.LiveVectors)) BuildGraphFromExact(state);
        if (state.UsesGraph && state.UnsavedVectors >= Math.Max(SaveAfterVectors, state.Graph!.Graph.Count / 4)) Save(state);
        if (state.UnsavedPapers >= Math.Max(SavePapersAfter, state.Papers.Count / 4)) SavePapers(state);
        return true;
    }

    private static async Task<List<(long Version, int Ordinal, float[] Vector)>> ReadVectorsAsync(
        SqliteConnection connection, StoreChanges.VectorBatch batch, long after, long upTo, CancellationToken cancellationToken)
    {
        var vectors = new List<(long, int, float[])>();
        await StoreChanges.ReadVectorsAsync(connection, batch.Dimension, after, upTo, null, batch, full =>
        {
            for (var row = 0; row < full.Count; row++) vectors.Add((full.Versions[row], full.Ordinals[row], full.Vector(row).ToArray()));
        }, cancellationToken);
        return vectors;
    }

    /// <summary>One round of changes: papers under the write lock, graph vectors beside searches (their papers are not yet known, so no search returns them), then published.</summary>
    private void Apply(SearchState state, List<StoreChanges.ChangedPaper> papers, List<(long Version, int Ordinal, float[] Vector)>? vectors)
    {
        try
        {
            if (state.Graph is { } graph && vectors is { Count: > 0 })
            {
                WithWriteLock(() => graph.Graph.Reserve(vectors.Count));
                var keys = new ulong[vectors.Count];
                var values = new float[vectors.Count * state.Dimension];
                for (var i = 0; i < vectors.Count; i++)
                {
                    keys[i] = DenseGraph.Key(vectors[i].Version, vectors[i].Ordinal);
                    vectors[i].Vector.CopyTo(values.AsSpan(i * state.Dimension));
                }
                WithReadLock(() => graph.Graph.Add(keys, values));
                state.UnsavedVectors += vectors.Count;
            }
            WithWriteLock(() =>
            {
                foreach (var paper in papers) state.Add(paper);
                if (state.Exact is { } exact && vectors is not null)
                {
                    foreach (var (version, ordinal, vector) in vectors) exact.Add(state.Papers.SlotOf(version), ordinal, vector);
                }
            });
        }
        catch
        {
            state.NeedsReload = true;
            throw;
        }
    }

    /// <summary>
    /// Everything in one read transaction: papers and postings from their saved file brought up to date with
    /// SQLite, or from SQLite alone; then the exact vectors or the graph.
    /// </summary>
    private async Task<SearchState> LoadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: true);
        var head = await StoreChanges.ReadHeadAsync(connection, cancellationToken);
        // The saved graph is read beside the saved papers and postings, not after them: at a million papers each is
        // about a gigabyte, so opening takes the longer of the two reads rather than their sum.
        var savedGraph = head.Dimension > 0 && File.Exists(GraphFile.PathFor(databasePath))
            ? Task.Run(() => GraphFile.TryLoad(databasePath, head.Epoch, head.Dimension, head.MaxVersion), cancellationToken)
            : Task.FromResult<DenseGraph?>(null);
        SearchState state;
        try
        {
            state = await LoadPapersAsync(connection, head, cancellationToken);
        }
        catch
        {
            (await savedGraph.ContinueWith(loading => loading.IsCompletedSuccessfully ? loading.Result : null, TaskScheduler.Default))?.Dispose();
            throw;
        }
        DenseGraph? graph = null;
        try
        {
            graph = await savedGraph;
            if (AfterChangesRead is { } hook) await hook();
            if (state.Dimension == 0 || !state.WantsGraph(state.LiveVectors))
            {
                // Searched exactly (or not by vector at all), whatever graph the store once kept.
                graph?.Dispose();
                graph = null;
                if (state.Dimension == 0) return state;
                var exact = state.Exact!;
                await StoreChanges.ReadVectorsAsync(connection, state.Dimension, 0, long.MaxValue, null, new StoreChanges.VectorBatch(VectorsPerBatch, state.Dimension), full =>
                {
                    for (var row = 0; row < full.Count; row++) exact.Add(state.Papers.SlotOf(full.Versions[row]), full.Ordinals[row], full.Vector(row));
                }, cancellationToken);
                return state;
            }
            var batch = new StoreChanges.VectorBatch(VectorsPerBatch, state.Dimension);
            var (missing, removed) = graph is null ? (null, 0) : Reconcile(graph, state.Papers, head.MaxVersion);
            var used = graph ?? DenseGraph.Create(state.Dimension);
            graph = null; // the state owns it from here, and disposes it with itself
            state.UseGraph(new GraphDenseIndex(used, _stored, options.GraphSearchBreadth));
            if (missing is null || missing.Count > 0)
            {
                var before = used.Count;
                used.Reserve(missing is null ? state.LiveVectors : missing.Sum(version => (long)state.Papers.ChunksOf(state.Papers.SlotOf(version))));
                await StoreChanges.ReadVectorsAsync(connection, state.Dimension, 0, long.MaxValue, missing, batch, full => AddToGraph(used, full), cancellationToken);
                state.UnsavedVectors = used.Count - before;
            }
            state.UnsavedVectors += removed;
            if (state.UnsavedVectors > 0) Save(state);
            if (state.UnsavedPapers > 0) SavePapers(state);
            return state;
        }
        catch
        {
            graph?.Dispose();
            state.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The papers and postings: the saved ones when their file is this store's and every paper it holds as current
    /// still is (papers written since are then read and added), otherwise all of them read from SQLite.
    /// </summary>
    private async Task<SearchState> LoadPapersAsync(SqliteConnection connection, StoreChanges.Head head, CancellationToken cancellationToken)
    {
        var state = SearchStateFile.TryLoad(databasePath, head) is var (papers, postings)
            ? new SearchState(head, options.ExactBelowChunks, _stored, papers, postings)
            : null;
        try
        {
            if (state is not null && !await AgreesWithStoreAsync(connection, state, cancellationToken))
            {
                state.Dispose();
                state = null;
            }
            LoadedSavedPapers = state is not null;
            var after = state?.Papers.LastVersion ?? 0;
            state ??= new SearchState(head, options.ExactBelowChunks, _stored);
            await StoreChanges.ReadPapersAsync(connection, after, int.MaxValue, paper => state.Add(paper), cancellationToken);
            if (after == 0) state.Postings.Trim();
            return state;
        }
        catch
        {
            state?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether the saved papers are the store's: every version the store holds up to the file's last one is a live
    /// slot of the file. A live slot whose version the store no longer holds (its paper written anew, or removed)
    /// is retired.
    /// </summary>
    private static async Task<bool> AgreesWithStoreAsync(SqliteConnection connection, SearchState state, CancellationToken cancellationToken)
    {
        var papers = state.Papers;
        // Versions only grow, and a paper written anew or removed loses its old version, so since the file was saved
        // the store's versions up to its last can only have lost members: the same count means the same versions.
        // Their sum is compared too, so a file that is not what it claims is not let through. Counting inside SQLite
        // costs a fraction of handing a million versions out one by one, which is left for when something changed.
        if (await StoreChanges.SummariseVersionsAsync(connection, papers.LastVersion, cancellationToken) == LiveVersions(papers))
        {
            return !state.NeedsReload;
        }
        var slot = 0;
        var agrees = true;
        await StoreChanges.ReadVersionsAsync(connection, papers.LastVersion, version =>
        {
            while (slot < papers.Count && papers.VersionOf(slot) < version)
            {
                state.Retire(slot++);
            }
            if (slot < papers.Count && papers.VersionOf(slot) == version && papers.IsLive(slot)) slot++;
            else agrees = false;
        }, cancellationToken);
        while (slot < papers.Count) state.Retire(slot++);
        return agrees && !state.NeedsReload;
    }

    /// <summary>The live slots' count and version sum, as <see cref="StoreChanges.SummariseVersionsAsync"/> gives the store's.</summary>
    private static (long Count, long Sum) LiveVersions(PaperSlots papers)
    {
        var (count, sum) = (0L, 0L);
        for (var slot = 0; slot < papers.Count; slot++)
        {
            if (!papers.IsLive(slot)) continue;
            count++;
            sum += papers.VersionOf(slot) % StoreChanges.VersionSumModulus;
        }
        return (count, sum);
    }

    /// <summary>
    /// Makes a saved graph agree with the papers SQLite holds now: removes versions no longer current, and returns
    /// the current versions it lacks.
    /// </summary>
    private static (List<long> Missing, int Removed) Reconcile(DenseGraph graph, PaperSlots papers, long maxVersion)
    {
        var (missing, removed) = (new List<long>(), 0);
        var slot = 0;
        for (long version = 1; version <= maxVersion; version++)
        {
            while (slot < papers.Count && papers.VersionOf(slot) < version) slot++;
            var current = slot < papers.Count && papers.VersionOf(slot) == version && papers.IsLive(slot);
            var held = graph.Contains(version);
            if (current && !held && papers.ChunksOf(slot) > 0) missing.Add(version);
            else if (!current && held)
            {
                graph.RemoveAll(version);
                removed++;
            }
        }
        return (missing, removed);
    }

    private static void AddToGraph(DenseGraph graph, StoreChanges.VectorBatch batch)
    {
        var keys = new ulong[batch.Count];
        for (var row = 0; row < batch.Count; row++) keys[row] = DenseGraph.Key(batch.Versions[row], batch.Ordinals[row]);
        graph.Reserve(batch.Count);
        graph.Add(keys, batch.Vectors);
    }

    /// <summary>The store outgrew exact search: a graph of the live vectors, built beside searches and then swapped in.</summary>
    private void BuildGraphFromExact(SearchState state)
    {
        var rows = state.Exact!.LiveRows(state.Papers).ToList();
        var graph = DenseGraph.Create(state.Dimension);
        try
        {
            var keys = new ulong[rows.Count];
            var values = new float[rows.Count * state.Dimension];
            for (var i = 0; i < rows.Count; i++)
            {
                keys[i] = DenseGraph.Key(state.Papers.VersionOf(rows[i].Slot), rows[i].Ordinal);
                rows[i].Vector.Span.CopyTo(values.AsSpan(i * state.Dimension));
            }
            graph.Reserve(rows.Count);
            graph.Add(keys, values);
        }
        catch
        {
            graph.Dispose();
            throw;
        }
        WithWriteLock(() => state.UseGraph(new GraphDenseIndex(graph, _stored, options.GraphSearchBreadth)));
        state.UnsavedVectors = rows.Count;
        Save(state);
    }

    /// <summary>Saves the papers and postings of a store searched through the graph (a smaller one reads them from SQLite quickly).</summary>
    private void SavePapers(SearchState state)
    {
        if (!state.UsesGraph || state.NeedsReload) return;
        WithReadLock(() => SearchStateFile.Save(databasePath, state));
        state.UnsavedPapers = 0;
    }

    private void Save(SearchState state)
    {
        // Searches go on while the graph is written; only changes wait (the refresh lock is held).
        WithReadLock(() => GraphFile.Save(databasePath, state.Graph!.Graph, state.GraphStamp));
        state.UnsavedVectors = 0;
    }

    private void Swap(SearchState? fresh)
    {
        SearchState? old = null;
        WithWriteLock(() => (old, _state) = (_state, fresh));
        old?.Dispose();
        if (fresh is null) Volatile.Write(ref _dataVersion, -1);
    }

    private void WithReadLock(Action action)
    {
        _lock.EnterReadLock();
        try
        {
            action();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void WithWriteLock(Action action)
    {
        _lock.EnterWriteLock();
        try
        {
            action();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private async Task<long> ReadDataVersionAsync(CancellationToken cancellationToken)
    {
        await _watchLock.WaitAsync(cancellationToken);
        try
        {
            // A connection of its own that never writes and stays open, so that every commit counts as another's.
            _watchConnection ??= await openWatchConnection(cancellationToken);
            await using var command = _watchConnection.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _watchLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _refreshLock.WaitAsync();
        try
        {
            // What this process added to the graph is kept for the next one to open (a killed process just leaves it to be redone).
            if (_state is { UsesGraph: true, NeedsReload: false } state && (state.UnsavedVectors > 0 || state.UnsavedPapers > 0))
            {
                try
                {
                    if (state.UnsavedVectors > 0) Save(state);
                    if (state.UnsavedPapers > 0) SavePapers(state);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // Only saved work is lost: the next process rebuilds what the file lacks.
                }
            }
            Swap(null);
            if (_watchConnection is not null) await _watchConnection.DisposeAsync();
            _stored.Dispose();
        }
        finally
        {
            _refreshLock.Release();
        }
    }
}
