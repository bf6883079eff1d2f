namespace RagAssistant.Web.Indexing;

/// <summary>
/// Lets one node at a time open and seed the index (<see cref="SampleCorpusSeeder"/>): with one node
/// (<see cref="LocalSeedingLock"/>) there is nobody to wait for; with several sharing Qdrant (<see cref="RedisSeedingLock"/>)
/// the others wait, then find the index seeded.
/// </summary>
public interface ISeedingLock
{
    /// <summary>Waits for the turn to seed; disposing the result ends the turn.</summary>
    Task<IAsyncDisposable> TakeAsync(CancellationToken cancellationToken);
}

/// <summary>One node: its turn at once.</summary>
public sealed class LocalSeedingLock : ISeedingLock, IAsyncDisposable
{
    public Task<IAsyncDisposable> TakeAsync(CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
