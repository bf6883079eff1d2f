using System.Threading.RateLimiting;

namespace RagAssistant.Redis.Limits;

/// <summary>
/// One caller's fixed window kept in Redis (<see cref="RedisCounters.TakeAsync"/>), as a <see cref="RateLimiter"/> so that
/// ASP.NET Core's rate-limiting middleware and a <see cref="PartitionedRateLimiter"/> use it like their own. A refusal
/// carries <see cref="MetadataName.RetryAfter"/> as the built-in limiters do. While Redis is unreachable every take is
/// granted (fail open) and <paramref name="outage"/> logs it: a limit that protects CPU must not take the app down with Redis.
/// </summary>
public sealed class RedisFixedWindowLimiter(RedisCounters counters, string name, int permitLimit, TimeSpan window, RedisOutage outage) : RateLimiter
{
    private long _lastUsed = Environment.TickCount64;

    /// <summary>Lets a partitioned limiter drop the windows of callers gone quiet; the count itself stays in Redis.</summary>
    public override TimeSpan? IdleDuration => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Redis answers over the network, so only asynchronously: declining here sends the middleware on to <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WindowLease.Declined;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
        if (permitCount == 0) return WindowLease.Granted;
        try
        {
            var take = await counters.TakeAsync(name, permitLimit, window).WaitAsync(cancellationToken);
            return take.Granted ? WindowLease.Granted : new WindowLease(false, take.RetryAfter);
        }
        catch (Exception exception) when (RedisOutage.Is(exception))
        {
            outage.Warn(exception, "requests are let through uncounted until it is back");
            return WindowLease.Granted;
        }
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, null);
        public static readonly WindowLease Declined = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? Array.Empty<string>() : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
