using System.Threading.Channels;

namespace RagAssistant.Web.Papers;

/// <summary>Saved uploads waiting for <see cref="UploadIndexingService"/>; bounded, so a flood of uploads is refused rather than piling up.</summary>
public sealed class UploadQueue
{
    public const int Capacity = 16;

    private readonly Channel<QueuedUpload> _channel = Channel.CreateBounded<QueuedUpload>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>False when <see cref="Capacity"/> uploads are already waiting.</summary>
    public bool TryEnqueue(QueuedUpload upload) => _channel.Writer.TryWrite(upload);

    public IAsyncEnumerable<QueuedUpload> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>One upload's saved files (path on disk, name as uploaded) in their own folder, and the job that reports on them.</summary>
public sealed record QueuedUpload(UploadJob Job, string Folder, IReadOnlyList<(string Path, string Name)> Files);
