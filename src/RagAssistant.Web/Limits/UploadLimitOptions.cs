namespace RagAssistant.Web.Limits;

/// <summary>
/// The <c>UploadLimits</c> configuration section: what "Add papers" on the Papers page accepts per UTC day, from one
/// user (or client address when the app is open) and from everyone together. A file over a limit is refused on its
/// own, with the limit named; the others in the same upload still go in.
/// </summary>
public sealed class UploadLimitOptions
{
    public const string Section = "UploadLimits";

    /// <summary>Files one caller may upload per day.</summary>
    public int FilesPerDay { get; set; } = 50;

    /// <summary>Bytes one caller may upload per day.</summary>
    public long BytesPerDay { get; set; } = 50L * 1024 * 1024;

    /// <summary>Bytes all callers together may upload per day.</summary>
    public long TotalBytesPerDay { get; set; } = 500L * 1024 * 1024;
}
