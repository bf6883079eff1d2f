using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RagAssistant.Redis.Indexing;

/// <summary>
/// Locks every node sees, with an expiry: the holder renews its lock while it works and gives it up when done; a holder
/// that dies stops renewing, and the lock is free again after <see cref="Expiry"/>.
/// </summary>
public sealed class RedisLocks(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    // Only the holder (who knows the token) renews or removes the lock.
    private const string RenewScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    /// <summary>The lock <paramref name="name"/>, held until disposed; null when another holder has it.</summary>
    public async Task<IAsyncDisposable?> TryTakeAsync(string name)
    {
        var key = (RedisKey)(options.Value.KeyPrefix + "locks:" + name);
        var token = Guid.NewGuid().ToString("N");
        if (!await redis.GetDatabase().StringSetAsync(key, token, Expiry, When.NotExists)) return null;
        return new HeldLock(redis, key, token);
    }

    private sealed class HeldLock : IAsyncDisposable
    {
        private readonly IConnectionMultiplexer _redis;
        private readonly RedisKey _key;
        private readonly string _token;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public HeldLock(IConnectionMultiplexer redis, RedisKey key, string token)
        {
            (_redis, _key, _token) = (redis, key, token);
            _renewing = RenewAsync();
        }

        private async Task RenewAsync()
        {
            using var timer = new PeriodicTimer(Expiry / 3);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    try
                    {
                        await _redis.GetDatabase().ScriptEvaluateAsync(RenewScript, [_key], [_token, (long)Expiry.TotalMilliseconds]);
                    }
                    catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
                    {
                        // Renewed on the next tick; if Redis stays away the lock expires, which is all a lock can do then.
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            try
            {
                await _redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [_key], [_token]);
            }
            catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
            {
                // It expires by itself.
            }
        }
    }
}
