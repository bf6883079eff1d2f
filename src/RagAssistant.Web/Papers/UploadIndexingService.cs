using System.Diagnostics;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Indexing;

namespace RagAssistant.Web.Papers;

/// <summary>Indexes queued uploads one at a time, for as long as the app runs; a job cut short by shutdown says so.</summary>
public sealed class UploadIndexingService(
    UploadQueue queue,
    PaperUploads uploads,
    PaperFileReader reader,
    PaperIndexer indexer,
    IPaperIndex index,
    IndexStatus status,
    ILogger<UploadIndexingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var upload in queue.ReadAllAsync(stoppingToken)) await IndexAsync(upload.Job, upload.Files, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task IndexAsync(UploadJob job, IReadOnlyList<(string Path, string Name)> files, CancellationToken cancellationToken)
    {
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
            job.State = UploadState.Done;
            logger.LogInformation("Upload {Job}: {Papers} papers ({Added} new) from {Files} files, {Errors} errors",
                job.Id, job.Summary.Papers, job.Summary.Added, files.Count, job.Errors.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            job.State = UploadState.Failed;
            job.Message = "The app stopped before indexing finished; upload the files again.";
        }
        catch (Exception exception)
        {
            job.State = UploadState.Failed;
            job.Message = exception.Message;
            logger.LogError(exception, "Upload {Job} failed", job.Id);
        }
        finally
        {
            uploads.OnChanged();
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
