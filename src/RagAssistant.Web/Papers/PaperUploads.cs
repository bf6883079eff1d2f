using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Limits;

namespace RagAssistant.Web.Papers;

/// <summary>
/// "Add papers" on the Papers page: saves uploaded files under <c>&lt;data dir&gt;/uploads</c> and queues them for
/// <see cref="UploadIndexingService"/>, which indexes one upload at a time, reporting progress and every error by file
/// and line. Jobs outlive the page that started them, so leaving and coming back shows where they are; each caller
/// sees only their own. Every file counts against the caller's daily quota (<see cref="UploadQuota"/>) and one over it
/// is refused on its own. A job's folder is removed once it is indexed (<see cref="UploadIndexingService"/>).
/// </summary>
public sealed class PaperUploads(UploadQueue queue, UploadQuota quota, IOptions<RagOptions> options, TimeProvider clock)
{
    public const string FolderName = "uploads";
    private const int JobsKept = 10;

    private readonly Lock _lock = new();
    private readonly List<UploadJob> _jobs = [];

    /// <summary>Raised, on a background thread, whenever a job moves on.</summary>
    public event Action? Changed;

    internal void OnChanged() => Changed?.Invoke();

    public IReadOnlyList<UploadJob> Jobs
    {
        get
        {
            lock (_lock) return [.. _jobs];
        }
    }

    /// <summary>The jobs <paramref name="caller"/> started, latest first.</summary>
    public IReadOnlyList<UploadJob> JobsOf(Caller caller) => [.. Jobs.Where(job => job.Owner == caller.Owner)];

    /// <summary>Receives the files now and returns at once; indexing continues in the background.</summary>
    public async Task<UploadJob> StartAsync(IReadOnlyList<IBrowserFile> files, Caller caller, CancellationToken cancellationToken = default)
    {
        var job = new UploadJob(Guid.NewGuid().ToString("N")[..12], clock.GetUtcNow(), [.. files.Select(file => file.Name)], caller.Owner);
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
            if (quota.Refusal(caller.LimitKey, file.Size) is { } refusal)
            {
                job.AddError(new IngestionError(file.Name, 0, refusal));
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
        if (saved.Count > 0 && !queue.TryEnqueue(new QueuedUpload(job, folder, saved)))
        {
            job.State = UploadState.Failed;
            job.Message = $"{UploadQueue.Capacity} uploads are already waiting to be indexed; upload these files again when they are done.";
            Directory.Delete(folder, recursive: true);
        }
        Changed?.Invoke();
        return job;
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

/// <summary>One "Add papers" upload, as far as it has got; <paramref name="owner"/> is who started it, the one who sees it.</summary>
public sealed class UploadJob(string id, DateTimeOffset started, IReadOnlyList<string> files, Core.Conversations.ConversationOwner owner)
{
    private readonly Lock _lock = new();
    private readonly List<IngestionError> _errors = [];

    public string Id { get; } = id;

    public DateTimeOffset Started { get; } = started;

    public Core.Conversations.ConversationOwner Owner { get; } = owner;

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
