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
/// Indexes queued uploads one at a time, for as long as the app runs; a job cut short by shutdown says so. An upload's
/// folder is removed once its files are read into the index (or failed), and folders left by an earlier run — whose
/// queue died with it — are removed on start, so uploads never pile up on disk.
/// </summary>
public sealed class UploadIndexingService(
    UploadQueue queue,
    PaperUploads uploads,
    PaperFileReader reader,
    PaperIndexer indexer,
    IPaperIndex index,
    IndexStatus status,
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
        var (job, files) = (upload.Job, upload.Files);
        // The job ends (Done or Failed) only once its folder is gone, so whoever sees the end sees the cleanup too.
        var outcome = UploadState.Failed;
        try
        {
            job.State = UploadState.Indexing;
            uploads.OnChanged();
            var stopwatch = Stopwatch.StartNew();
            var parsed = files.Select(file => reader.ReadFile(file.Path, file.Name)).ToList();
            var ingestion = new IngestionResult(
                parsed.Count,
                parsed.Sum(file => file.Entries.Count),
                PaperCatalog.Merge(parsed.SelectMany(file => file.Entries)),
                [.. parsed.SelectMany(file => file.Errors)]);
            foreach (var error in ingestion.Errors) job.AddError(error);
            var progress = new JobProgress(job, uploads.OnChanged);
            job.Summary = await indexer.IndexAsync(ingestion, stopwatch, progress: progress, cancellationToken: cancellationToken);
            status.Papers = await index.CountPapersAsync(cancellationToken);
            outcome = UploadState.Done;
            logger.LogInformation("Upload {Job}: {Papers} papers ({Added} new) from {Files} files, {Errors} errors",
                job.Id, job.Summary.Papers, job.Summary.Added, files.Count, job.Errors.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.Message = "The app stopped before indexing finished; upload the files again.";
        }
        catch (Exception exception) when (exception is StoreUnavailableException or IndexMismatchException)
        {
            // Written for people (the store's URL, the rebuild hint), and what the uploader needs to act on.
            job.Message = exception.Message;
            logger.LogError(exception, "Upload {Job} failed", job.Id);
        }
        catch (Exception exception)
        {
            // Anything else may show the app's internals: the uploader gets a reference to the log entry instead.
            var reference = ErrorReference.Current();
            job.Message = ErrorReference.Sentence("Indexing these files", reference);
            logger.LogError(exception, "Upload {Job} failed (reference {Reference})", job.Id, reference);
        }
        finally
        {
            Remove(upload.Folder);
            job.State = outcome;
            uploads.OnChanged();
        }
    }

    /// <summary>Nothing can be waiting for these: the queue is in memory and this runs before it is read.</summary>
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

    private sealed class JobProgress(UploadJob job, Action changed) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            job.Progress = value;
            changed();
        }
    }
}
