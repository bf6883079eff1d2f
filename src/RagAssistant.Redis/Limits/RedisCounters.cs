using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RagAssistant.Redis.Limits;

/// <summary>
/// Counters every node shares, each changed by one Lua script so that two nodes counting at the same moment cannot both
/// take the last permit. Keys live under <see cref="RedisOptions.KeyPrefix"/><c>limits:</c>.
/// </summary>
public sealed class RedisCounters(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    // The window starts with its first take and ends when the key expires, by Redis's clock, so nodes whose clocks
    // differ still count one window. A key that somehow lost its expiry gets one again.
    private const string WindowScript = """
        local count = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return { count, ttl }
        """;

    // Adds every amount only if no counter would pass its limit; else returns the (1-based) counter that would.
    private const string AddAllScript = """
        local n = #KEYS
        for i = 1, n do
          local current = tonumber(redis.call('GET', KEYS[i]) or '0')
          if current + tonumber(ARGV[i]) > tonumber(ARGV[n + i]) then return i end
        end
        for i = 1, n do
          redis.call('INCRBY', KEYS[i], ARGV[i])
          redis.call('PEXPIRE', KEYS[i], ARGV[2 * n + 1])
        end
        return 0
        """;

    /// <summary>Counts one take in the fixed window <paramref name="name"/>: granted while the window holds at most <paramref name="permitLimit"/> takes.</summary>
    public async Task<WindowTake> TakeAsync(string name, int permitLimit, TimeSpan window)
    {
        RedisOutage.ThrowIfDisconnected(redis);
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            WindowScript, [Key(name)], [(long)window.TotalMilliseconds]))!;
        return new WindowTake((long)result[0] <= permitLimit, TimeSpan.FromMilliseconds((long)result[1]));
    }

    /// <summary>
    /// Adds each counter's amount, all or none: 0 when added, else the 1-based position of the first counter that would
    /// pass its limit. Counters are kept for <paramref name="keep"/> after their last change.
    /// </summary>
    public async Task<int> TryAddAllAsync(IReadOnlyList<(string Name, long Amount, long Limit)> counters, TimeSpan keep)
    {
        RedisOutage.ThrowIfDisconnected(redis);
        RedisKey[] keys = [.. counters.Select(counter => Key(counter.Name))];
        RedisValue[] values = [.. counters.Select(c => (RedisValue)c.Amount), .. counters.Select(c => (RedisValue)c.Limit), (long)keep.TotalMilliseconds];
        return (int)await redis.GetDatabase().ScriptEvaluateAsync(AddAllScript, keys, values);
    }

    private RedisKey Key(string name) => options.Value.KeyPrefix + "limits:" + name;
}

/// <summary>One take from a window: granted or not, and how long until the window ends.</summary>
public readonly record struct WindowTake(bool Granted, TimeSpan RetryAfter);
