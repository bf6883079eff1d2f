using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Redis;
using RagAssistant.Redis.Uploads;

namespace RagAssistant.Web.Papers;

/// <summary>
/// The queue every node shares (<see cref="RedisUploadStream"/>): an upload's files travel in the stream entry, so
/// whichever node takes it writes them to a folder of its own and indexes them from there. While a node indexes, it
/// renews its entry; a node that dies leaves the entry pending, and another claims it after
/// <see cref="RedisUploadStream.ClaimAfter"/> (a minute). Nodes look for work every <see cref="PollEvery"/>.
/// </summary>
public sealed class RedisUploadQueue(RedisUploadStream stream, IOptions<RagOptions> options, ILogger<RedisUploadQueue> logger) : IUploadQueue, IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfterOutage = TimeSpan.FromSeconds(5);

    private readonly RedisOutage _outage = new(logger, "the upload queue");
    private CancellationTokenSource? _renewing;

    public bool KeepsUnfinished => true;

    public string? Node => stream.Consumer;

    public async Task<bool> TryEnqueueAsync(QueuedUpload upload, CancellationToken cancellationToken = default)
    {
        var files = new List<UploadedFile>(upload.Files.Count);
        foreach (var (path, name) in upload.Files) files.Add(new UploadedFile(name, await File.ReadAllBytesAsync(path, cancellationToken)));
        bool added;
        try
        {
            added = await stream.TryAddAsync(upload.JobId, files, IUploadQueue.Capacity);
        }
        catch (Exception exception) when (RedisOutage.Is(exception))
        {
            throw RedisUploadJobs.Unavailable(exception);
        }
        // The bytes are in Redis now: the folder was only the way there.
        if (added) Directory.Delete(upload.Folder, recursive: true);
        return added;
    }

    public async IAsyncEnumerable<QueuedUpload> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var taken = await TakeAsync();
            if (taken is null)
            {
                await Task.Delay(PollEvery, cancellationToken);
                continue;
            }
            var upload = Unpack(taken);
            _renewing = new CancellationTokenSource();
            _ = RenewAsync(taken.EntryId, _renewing.Token);
            yield return upload;
        }
    }

    public async Task CompleteAsync(QueuedUpload upload)
    {
        if (_renewing is { } renewing) await renewing.CancelAsync();
        try
        {
            await stream.CompleteAsync(upload.Receipt!);
        }
        catch (Exception exception) when (RedisOutage.Is(exception))
        {
            // Left pending, the upload is claimed again later and indexed once more: its papers are already there, unchanged.
            logger.LogWarning("Upload {Job} could not be marked done in Redis ({Message}); it will be indexed again.", upload.JobId, exception.Message);
        }
    }

    /// <summary>Stops renewing: an upload this node did not finish is claimed by another node.</summary>
    public void Dispose() => _renewing?.Cancel();

    private async Task<StreamedUpload?> TakeAsync()
    {
        try
        {
            return await stream.TakeAsync();
        }
        catch (Exception exception) when (RedisOutage.Is(exception))
        {
            _outage.Warn(exception, "this node takes no uploads until it is back");
            await Task.Delay(RetryAfterOutage);
            return null;
        }
    }

    /// <summary>Writes the files to a folder of this node's, named as in the upload; the indexer removes it when done.</summary>
    private QueuedUpload Unpack(StreamedUpload taken)
    {
        var folder = Path.Combine(options.Value.DataDirFullPath, PaperUploads.FolderName, $"taken-{taken.JobId}");
        Directory.CreateDirectory(folder);
        var files = new List<(string Path, string Name)>(taken.Files.Count);
        foreach (var file in taken.Files)
        {
            // The name was checked when the file was received (UploadFileName); checked again, as it came over the network.
            if (UploadFileName.Problem(file.Name) is not null) continue;
            var path = Path.Combine(folder, file.Name);
            File.WriteAllBytes(path, file.Bytes);
            files.Add((path, file.Name));
        }
        return new QueuedUpload(taken.JobId, folder, files) { Receipt = taken.EntryId, Attempt = taken.Deliveries };
    }

    private async Task RenewAsync(string entryId, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(stream.RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await stream.RenewAsync(entryId);
                }
                catch (Exception exception) when (RedisOutage.Is(exception))
                {
                    _outage.Warn(exception, "the upload being indexed may be taken over by another node");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
