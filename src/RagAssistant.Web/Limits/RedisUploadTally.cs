using System.Globalization;
using RagAssistant.Redis;
using RagAssistant.Redis.Limits;

namespace RagAssistant.Web.Limits;

/// <summary>
/// Today's uploads counted in Redis, under keys named by the UTC day and kept two days. While Redis is unreachable a
/// file is let through uncounted (fail open, logged): the upload then fails anyway if the queue is in the same Redis.
/// </summary>
public sealed class RedisUploadTally(RedisCounters counters, TimeProvider clock, ILogger<RedisUploadTally> logger) : IUploadTally
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(2);
    private readonly RedisOutage _outage = new(logger, "the upload quota");

    public async ValueTask<UploadLimit> TryTakeAsync(string limitKey, long bytes, UploadLimitOptions limits, CancellationToken cancellationToken = default)
    {
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        try
        {
            // In the order of UploadLimit, so the position of the counter that would pass is the limit.
            var passed = await counters.TryAddAllAsync(
            [
                ($"uploads:{day}:files:{limitKey}", 1, limits.FilesPerDay),
                ($"uploads:{day}:bytes:{limitKey}", bytes, limits.BytesPerDay),
                ($"uploads:{day}:total", bytes, limits.TotalBytesPerDay),
            ], Keep);
            return (UploadLimit)passed;
        }
        catch (Exception exception) when (RedisOutage.Is(exception))
        {
            _outage.Warn(exception, "uploads are let through uncounted until it is back");
            return UploadLimit.None;
        }
    }
}
