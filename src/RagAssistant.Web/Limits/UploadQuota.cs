using System.Globalization;
using Microsoft.Extensions.Options;

namespace RagAssistant.Web.Limits;

/// <summary>
/// Today's uploads per caller and in total (<see cref="UploadLimitOptions"/>), counted in memory and started afresh at
/// 00:00 UTC (and on a restart).
/// </summary>
public sealed class UploadQuota(IOptions<UploadLimitOptions> options, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Files, long Bytes)> _used = new(StringComparer.Ordinal);
    private DateOnly _day;
    private long _totalBytes;

    /// <summary>Takes one file of <paramref name="bytes"/> from <paramref name="limitKey"/>'s allowance: null when granted, else why not.</summary>
    public string? Refusal(string limitKey, long bytes)
    {
        var limits = options.Value;
        lock (_lock)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (today != _day)
            {
                (_day, _totalBytes) = (today, 0);
                _used.Clear();
            }
            var used = _used.GetValueOrDefault(limitKey);
            if (used.Files >= limits.FilesPerDay)
            {
                return $"over today's upload limit of {limits.FilesPerDay} files per user (UploadLimits:FilesPerDay); refused";
            }
            if (used.Bytes + bytes > limits.BytesPerDay)
            {
                return $"over today's upload limit of {Megabytes(limits.BytesPerDay)} per user (UploadLimits:BytesPerDay); refused";
            }
            if (_totalBytes + bytes > limits.TotalBytesPerDay)
            {
                return $"the server has taken all the uploads it accepts today, {Megabytes(limits.TotalBytesPerDay)} (UploadLimits:TotalBytesPerDay); refused";
            }
            _used[limitKey] = (used.Files + 1, used.Bytes + bytes);
            _totalBytes += bytes;
            return null;
        }
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
