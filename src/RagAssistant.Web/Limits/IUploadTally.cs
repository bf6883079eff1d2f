namespace RagAssistant.Web.Limits;

/// <summary>
/// Today's (UTC) uploads per caller and in total: counted in this process (<see cref="LocalUploadTally"/>, one node) or
/// in Redis (<see cref="RedisUploadTally"/>, every node counts against the same allowance).
/// </summary>
public interface IUploadTally
{
    /// <summary>Counts one file of <paramref name="bytes"/> for <paramref name="limitKey"/> unless that would pass a limit: the limit it would pass, else <see cref="UploadLimit.None"/>.</summary>
    ValueTask<UploadLimit> TryTakeAsync(string limitKey, long bytes, UploadLimitOptions limits, CancellationToken cancellationToken = default);
}

/// <summary>The daily upload limit a file would pass (<see cref="UploadLimitOptions"/>).</summary>
public enum UploadLimit
{
    None,
    FilesPerDay,
    BytesPerDay,
    TotalBytesPerDay,
}
