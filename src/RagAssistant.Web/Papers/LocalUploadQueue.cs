using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RagAssistant.Web.Papers;

/// <summary>The queue of one node: a bounded channel in memory, lost (with its uploads) when the app stops.</summary>
public sealed class LocalUploadQueue : IUploadQueue
{
    private readonly Channel<QueuedUpload> _channel = Channel.CreateBounded<QueuedUpload>(
        new BoundedChannelOptions(IUploadQueue.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public bool KeepsUnfinished => false;

    public string? Node => null;

    public Task<bool> TryEnqueueAsync(QueuedUpload upload, CancellationToken cancellationToken = default) => Task.FromResult(_channel.Writer.TryWrite(upload));

    public async IAsyncEnumerable<QueuedUpload> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var upload in _channel.Reader.ReadAllAsync(cancellationToken)) yield return upload;
    }

    public Task CompleteAsync(QueuedUpload upload) => Task.CompletedTask;
}
