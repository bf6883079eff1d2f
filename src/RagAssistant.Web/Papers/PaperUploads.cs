using System.Diagnostics;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Indexing;

namespace RagAssistant.Web.Papers;

/// <summary>
/// "Add papers" on the Papers page: saves uploaded files under <c>&lt;data dir&gt;/uploads</c>, then indexes them in
/// the background, one upload at a time, reporting progress and every error by file and line. Jobs outlive the
/// page that started them, so leaving and coming back shows where they are.
/// </summary>
public sealed class PaperUploads(
    PaperFileReader reader,
    PaperIndexer indexer,
    IPaperIndex index,
    IndexStatus status,
    IOptions<RagOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<PaperUploads> logger)
{
    public const string FolderName = "uploads";
    private const int JobsKept = 10;

    private readonly SemaphoreSlim _indexing = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<UploadJob> _jobs = [];

    /// <summary>Raised, on a background thread, whenever a job moves on.</summary>
    public event Action? Changed;

    public IReadOnlyList<UploadJob> Jobs
    {
        get
        {
            lock (_lock) return [.. _jobs];
        }
    }

    /// <summary>Receives the files now and returns at once; indexing continues in the background.</summary>
    public async Task<UploadJob> StartAsync(IReadOnlyList<IBrowserFile> files, CancellationToken cancellationToken = default)
    {
        var job = new UploadJob(Guid.NewGuid().ToString("N")[..12], clock.GetUtcNow(), [.. files.Select(file => file.Name)]);
        lock (_lock)
        {
            _jobs.Insert(0, job);
            if (_jobs.Count > JobsKept) _jobs.RemoveRange(JobsKept, _jobs.Count - JobsKept);
        }
        var folder = Path.Combine(options.Value.DataDirFullPath, FolderName, $"{job.Started:yyyyMMdd-HHmmss}-{job.Id}");
        var saved = new List<(string Path, string Name)>();
        foreach (var file in files)
        {
            if (UploadFileName.Problem(file.Name) is { } problem)
            {
                job.AddError(new IngestionError(file.Name, 0, problem));
                continue;
            }
            if (saved.Any(entry => string.Equals(entry.Name, file.Name, StringComparison.OrdinalIgnoreCase)))
            {
                job.AddError(new IngestionError(file.Name, 0, "a file of the same name is already in this upload; skipped"));
                continue;
            }
            if (file.Size > options.Value.MaxFileBytes)
            {
                job.AddError(new IngestionError(file.Name, 0, $"the file is over the {options.Value.MaxFileBytes / (1024.0 * 1024):0.#} MB limit (Rag:MaxFileBytes); skipped"));
                continue;
            }
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, file.Name);
            await using (var target = File.Create(path))
            await using (var source = file.OpenReadStream(options.Value.MaxFileBytes, cancellationToken))
            {
                await source.CopyToAsync(target, cancellationToken);
            }
            saved.Add((path, file.Name));
        }
        job.State = saved.Count == 0 ? UploadState.Failed : UploadState.Queued;
        Changed?.Invoke();
        if (saved.Count > 0) _ = Task.Run(() => IndexAsync(job, saved, lifetime.ApplicationStopping), CancellationToken.None);
        return job;
    }

    private async Task IndexAsync(UploadJob job, IReadOnlyList<(string Path, string Name)> files, CancellationToken cancellationToken)
    {
        await _indexing.WaitAsync(cancellationToken);
        try
        {
            job.State = UploadState.Indexing;
            Changed?.Invoke();
            var stopwatch = Stopwatch.StartNew();
            var parsed = files.Select(file => reader.ReadFile(file.Path, file.Name)).ToList();
            var ingestion = new IngestionResult(
                parsed.Count,
                parsed.Sum(file => file.Entries.Count),
                PaperCatalog.Merge(parsed.SelectMany(file => file.Entries)),
                [.. parsed.SelectMany(file => file.Errors)]);
            foreach (var error in ingestion.Errors) job.AddError(error);
            var progress = new JobProgress(job, () => Changed?.Invoke());
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
            _indexing.Release();
            Changed?.Invoke();
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

public enum UploadState
{
    Receiving,
    Queued,
    Indexing,
    Done,
    Failed,
}

/// <summary>One "Add papers" upload, as far as it has got.</summary>
public sealed class UploadJob(string id, DateTimeOffset started, IReadOnlyList<string> files)
{
    private readonly Lock _lock = new();
    private readonly List<IngestionError> _errors = [];

    public string Id { get; } = id;

    public DateTimeOffset Started { get; } = started;

    public IReadOnlyList<string> Files { get; } = files;

    public UploadState State { get; internal set; } = UploadState.Receiving;

    public IndexProgress Progress { get; internal set; }

    public IndexSummary? Summary { get; internal set; }

    /// <summary>Why the whole job failed, when it did.</summary>
    public string? Message { get; internal set; }

    public IReadOnlyList<IngestionError> Errors
    {
        get
        {
            lock (_lock) return [.. _errors];
        }
    }

    internal void AddError(IngestionError error)
    {
        lock (_lock) _errors.Add(error);
    }
}
