using System.Diagnostics;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Papers;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// The chunk encoder of a <see cref="TimedEmbeddingGenerator"/>: its model time counts as the generator's, and each
/// chunk is encoded once, so a corpus repeated to 100k papers costs the model one pass.
/// </summary>
internal sealed class TimedChunkEncoder(IChunkEncoder inner, TimedEmbeddingGenerator timer) : IChunkEncoder
{
    private readonly Dictionary<string, EncodedChunk> _remembered = [];

    public async Task<IReadOnlyList<EncodedChunk>> EncodeAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancellationToken = default)
    {
        // The text alone decides the vectors: a repeated paper differs only in its id.
        List<Chunk> missing;
        lock (_remembered) missing = [.. chunks.Where(chunk => !_remembered.ContainsKey(chunk.Text)).DistinctBy(chunk => chunk.Text)];
        if (missing.Count > 0)
        {
            var stopwatch = Stopwatch.StartNew();
            var computed = await inner.EncodeAsync(missing, cancellationToken);
            timer.AddModelTime(stopwatch.Elapsed);
            lock (_remembered)
            {
                for (var i = 0; i < missing.Count; i++) _remembered[missing[i].Text] = computed[i];
            }
        }
        lock (_remembered) return [.. chunks.Select(chunk => _remembered[chunk.Text])];
    }
}
