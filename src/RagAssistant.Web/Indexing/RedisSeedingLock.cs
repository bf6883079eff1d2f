using RagAssistant.Redis.Indexing;
using RagAssistant.Redis;

namespace RagAssistant.Web.Indexing;

/// <summary>
/// The turn to seed, as a Redis lock (<see cref="RedisLocks"/>): a node that finds it taken waits and asks again every
/// <see cref="AskEvery"/>; one whose holder died gets it once the lock expires. While Redis is unreachable the node
/// waits too (logged), and is not ready until it has had its turn.
/// </summary>
public sealed class RedisSeedingLock(RedisLocks locks, ILogger<RedisSeedingLock> logger) : ISeedingLock
{
    private const string Name = "seed-index";
    private static readonly TimeSpan AskEvery = TimeSpan.FromSeconds(1);

    private readonly RedisOutage _outage = new(logger, "the index seeding lock");

    public async Task<IAsyncDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        var waiting = false;
        while (true)
        {
            try
            {
                if (await locks.TryTakeAsync(Name) is { } taken) return taken;
                if (!waiting) logger.LogInformation("Another node is opening or seeding the shared index; waiting for it.");
                waiting = true;
            }
            catch (Exception exception) when (RedisOutage.Is(exception))
            {
                _outage.Warn(exception, "the index is neither opened nor seeded until it is back");
            }
            await Task.Delay(AskEvery, cancellationToken);
        }
    }
}
