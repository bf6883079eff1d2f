namespace RagAssistant.Web.Limits;

/// <summary>Today's uploads counted in memory, started afresh at 00:00 UTC (and on a restart).</summary>
public sealed class LocalUploadTally(TimeProvider clock) : IUploadTally
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Files, long Bytes)> _used = new(StringComparer.Ordinal);
    private DateOnly _day;
    private long _totalBytes;

    public ValueTask<UploadLimit> TryTakeAsync(string limitKey, long bytes, UploadLimitOptions limits, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (today != _day)
            {
                (_day, _totalBytes) = (today, 0);
                _used.Clear();
            }
            var used = _used.GetValueOrDefault(limitKey);
            if (used.Files >= limits.FilesPerDay) return ValueTask.FromResult(UploadLimit.FilesPerDay);
            if (used.Bytes + bytes > limits.BytesPerDay) return ValueTask.FromResult(UploadLimit.BytesPerDay);
            if (_totalBytes + bytes > limits.TotalBytesPerDay) return ValueTask.FromResult(UploadLimit.TotalBytesPerDay);
            _used[limitKey] = (used.Files + 1, used.Bytes + bytes);
            _totalBytes += bytes;
            return ValueTask.FromResult(UploadLimit.None);
        }
    }
}
