using System.Globalization;
using Microsoft.Extensions.Options;

namespace RagAssistant.Web.Limits;

/// <summary>
/// Today's uploads per caller and in total (<see cref="UploadLimitOptions"/>), counted by <see cref="IUploadTally"/> and
/// started afresh at 00:00 UTC; refusals name the limit.
/// </summary>
public sealed class UploadQuota(IOptions<UploadLimitOptions> options, IUploadTally tally)
{
    /// <summary>Takes one file of <paramref name="bytes"/> from <paramref name="limitKey"/>'s allowance: null when granted, else why not.</summary>
    public async ValueTask<string?> RefusalAsync(string limitKey, long bytes, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        return await tally.TryTakeAsync(limitKey, bytes, limits, cancellationToken) switch
        {
            UploadLimit.FilesPerDay => $"over today's upload limit of {limits.FilesPerDay} files per user (UploadLimits:FilesPerDay); refused",
            UploadLimit.BytesPerDay => $"over today's upload limit of {Megabytes(limits.BytesPerDay)} per user (UploadLimits:BytesPerDay); refused",
            UploadLimit.TotalBytesPerDay =>
                $"the server has taken all the uploads it accepts today, {Megabytes(limits.TotalBytesPerDay)} (UploadLimits:TotalBytesPerDay); refused",
            _ => null,
        };
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
