using System.Diagnostics;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Indexing;

namespace RagAssistant.Web.Papers;

/// <summary>
/// Indexes queued uploads one at a time, for as long as the app runs. A job cut short by shutdown says so: it is lost
/// with an in-memory queue, and waits for another node with a shared one (<see cref="IUploadQueue.KeepsUnfinished"/>).
/// An upload's folder is removed once its files are read into the index (or failed), and folders left by an earlier
/// run are removed on start — an unfinished upload of a shared queue is written out again by the node that takes it —
/// so uploads never pile up on disk.
/// </summary>
public sealed class UploadIndexingService(
    IUploadQueue queue,
    IUploadJobs jobs,
    PaperFileReader reader,
    PaperIndexer indexer,
    IPaperIndex index,
    IndexReadiness status,
    IOptions<RagOptions> options,
    ILogger<UploadIndexingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RemoveLeftoverFolders();
        try
        {
            await foreach (var upload in queue.ReadAllAsync(stoppingToken)) await IndexAsync(upload, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task IndexAsync(QueuedUpload upload, CancellationToken cancellationToken)
    {
        var report = new JobReport(await FindJobAsync(upload.JobId), jobs, logger);
        // The job ends (Done or Failed) only once its folder is gone, so whoever sees the end sees the cleanup too.
        var outcome = UploadState.Failed;
        string? message = null;
        try
        {
            if (upload.Attempt > IUploadQueue.MaxAttempts)
            {
                // Each node that took it stopped while indexing it: it may be what stops them.
                message = $"Indexing these files was cut short {upload.Attempt - 1} times (the node indexing them stopped); they are not tried again.";
                logger.LogError("Upload {Job} was taken {Attempts} times without finishing; given up", upload.JobId, upload.Attempt - 1);
                return;
            }
            await report.UpdateAsync(job => job with { State = UploadState.Indexing, IndexedBy = queue.Node });
            var stopwatch = Stopwatch.StartNew();
            var parsed = upload.Files.Select(file => reader.ReadFile(file.Path, file.Name)).ToList();
            var ingestion = new IngestionResult(
                parsed.Count,
                parsed.Sum(file => file.Entries.Count),
                PaperCatalog.Merge(parsed.SelectMany(file => file.Entries)),
                [.. parsed.SelectMany(file => file.Errors)]);
            // Errors the receiving node found (refused files) stay first; a job taken over from a dead node has them already.
            await report.UpdateAsync(job => job with { Errors = [.. job.Errors.Where(e => !ingestion.Errors.Contains(e)), .. ingestion.Errors] });
            var summary = await indexer.IndexAsync(ingestion, stopwatch, progress: report, cancellationToken: cancellationToken);
            await report.UpdateAsync(job => job with { Summary = summary });
            status.Papers = await index.CountPapersAsync(cancellationToken);
            outcome = UploadState.Done;
            logger.LogInformation("Upload {Job}: {Papers} papers ({Added} new) from {Files} files, {Errors} errors",
                upload.JobId, summary.Papers, summary.Added, upload.Files.Count, summary.Errors.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (queue.KeepsUnfinished) outcome = UploadState.Queued;
            message = queue.KeepsUnfinished
                ? "The node indexing these files stopped; another node takes them over within a few minutes."
                : "The app stopped before indexing finished; upload the files again.";
        }
        catch (Exception exception) when (exception is StoreUnavailableException or IndexMismatchException)
        {
            // Written for people (the store's URL, the rebuild hint), and what the uploader needs to act on.
            message = exception.Message;
            logger.LogError(exception, "Upload {Job} failed", upload.JobId);
        }
        catch (Exception exception)
        {
            // Anything else may show the app's internals: the uploader gets a reference to the log entry instead.
            var reference = ErrorReference.Current();
            message = ErrorReference.Sentence("Indexing these files", reference);
            logger.LogError(exception, "Upload {Job} failed (reference {Reference})", upload.JobId, reference);
        }
        finally
        {
            Remove(upload.Folder);
            await report.UpdateAsync(job => job with { State = outcome, Message = message });
            // Done with it unless it waits for another node; a node that dies before this line leaves it to be claimed.
            if (outcome != UploadState.Queued) await queue.CompleteAsync(upload);
        }
    }

    private async Task<UploadJob?> FindJobAsync(string id)
    {
        try
        {
            return await jobs.FindAsync(id);
        }
        catch (UploadsUnavailableException exception)
        {
            logger.LogWarning("The status of upload {Job} cannot be read ({Message}); it is indexed without progress reports.", id, exception.InnerException?.Message);
            return null;
        }
    }

    /// <summary>Nothing can be waiting for these: an in-memory queue died with the run, and a shared one writes its uploads out again.</summary>
    private void RemoveLeftoverFolders()
    {
        var uploads = Path.Combine(options.Value.DataDirFullPath, PaperUploads.FolderName);
        if (!Directory.Exists(uploads)) return;
        foreach (var folder in Directory.EnumerateDirectories(uploads)) Remove(folder);
    }

    private void Remove(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The papers are indexed either way; a folder left behind is removed on the next start.
            logger.LogWarning("Could not remove the upload folder {Folder}: {Message}", folder, exception.Message);
        }
    }
}
