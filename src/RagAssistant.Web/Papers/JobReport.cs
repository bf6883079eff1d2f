using RagAssistant.Core.Indexing;

namespace RagAssistant.Web.Papers;

/// <summary>
/// A job's status as the indexing node moves it on. Progress arrives on the indexer's thread, so every change is
/// written after the one before it, in order, and the last write (the job's end) is never overtaken by a late progress
/// report. A write that fails (Redis unreachable) is logged and indexing goes on; a job whose status is gone
/// (<c>null</c>: expired or lost with Redis) is indexed without reports.
/// </summary>
internal sealed class JobReport(UploadJob? job, IUploadJobs jobs, ILogger logger) : IProgress<IndexProgress>
{
    private readonly Lock _lock = new();
    private UploadJob? _job = job;
    private Task _writes = Task.CompletedTask;

    public Task UpdateAsync(Func<UploadJob, UploadJob> change)
    {
        lock (_lock)
        {
            if (_job is null) return Task.CompletedTask;
            var changed = _job = change(_job);
            _writes = _writes.ContinueWith(_ => SaveAsync(changed), TaskScheduler.Default).Unwrap();
            return _writes;
        }
    }

    public void Report(IndexProgress value) => _ = UpdateAsync(current => current with { Progress = value });

    private async Task SaveAsync(UploadJob changed)
    {
        try
        {
            await jobs.SaveAsync(changed);
        }
        catch (UploadsUnavailableException exception)
        {
            logger.LogWarning("The status of upload {Job} could not be saved ({Message}); indexing goes on.", changed.Id, exception.InnerException?.Message);
        }
    }
}
