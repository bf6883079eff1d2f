using Microsoft.Data.Sqlite;

namespace RagAssistant.Sqlite;

/// <summary>
/// The <see cref="SearchSnapshot"/> of the store as it is now. SQLite's <c>PRAGMA data_version</c> changes whenever a
/// connection other than the one asking commits — a write by this process or by `rag index` in another — so one cheap
/// pragma per search says whether the snapshot still shows every committed paper, and a stale one is reloaded.
/// </summary>
internal sealed class CurrentSnapshot(
    Func<CancellationToken, Task<SearchSnapshot>> load,
    Func<CancellationToken, Task<SqliteConnection>> openWatchConnection) : IAsyncDisposable
{
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private readonly SemaphoreSlim _watchLock = new(1, 1);
    private SqliteConnection? _watchConnection;
    private volatile Versioned? _current;

    /// <summary>For tests: runs after a snapshot is loaded and before it is kept, so a write can be made to land in between.</summary>
    public Func<Task>? AfterLoad { get; set; }

    public async Task<SearchSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && current.DataVersion == await ReadDataVersionAsync(cancellationToken)) return current.Snapshot;
        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            // Read before loading, and kept with the snapshot: a write that commits during the load changes the
            // version, so the next search loads again rather than trust a snapshot that may lack that write.
            var version = await ReadDataVersionAsync(cancellationToken);
            if (_current is { } fresh && fresh.DataVersion == version) return fresh.Snapshot;
            var snapshot = await load(cancellationToken);
            if (AfterLoad is { } hook) await hook();
            _current = new Versioned(snapshot, version);
            return snapshot;
        }
        finally
        {
            _loadLock.Release();
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
        if (_watchConnection is not null) await _watchConnection.DisposeAsync();
        _loadLock.Dispose();
        _watchLock.Dispose();
    }

    private sealed record Versioned(SearchSnapshot Snapshot, long DataVersion);
}
