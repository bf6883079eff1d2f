using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RagAssistant.Redis;

/// <summary>
/// Tells a Redis outage from a bug and logs it at most once a minute per place, so that a flood of requests while Redis
/// is down does not flood the log as well.
/// </summary>
public sealed class RedisOutage(ILogger logger, string what)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    private long _nextWarning;

    /// <summary>Unreachable, timed out or not ready (restarting): all pass once Redis is back.</summary>
    public static bool Is(Exception exception) => exception is RedisException or RedisTimeoutException;

    /// <summary>
    /// Throws at once while the multiplexer has no connection, instead of letting the command wait in its backlog for
    /// the full timeout: during an outage a request is let through (or an upload refused) without the wait.
    /// </summary>
    public static void ThrowIfDisconnected(IConnectionMultiplexer redis)
    {
        if (!redis.IsConnected) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");
    }

    public void Warn(Exception exception, string consequence)
    {
        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextWarning);
        if (now < next || Interlocked.CompareExchange(ref _nextWarning, now + (long)Quiet.TotalMilliseconds, next) != next) return;
        logger.LogWarning("Redis is unreachable for {What} ({Message}); {Consequence}. Logged at most once a minute.", what, exception.Message, consequence);
    }
}
