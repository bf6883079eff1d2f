using System.Diagnostics;
using Microsoft.Extensions.AI;
using RagAssistant.Core.Indexing;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// Measures the time spent inside the embedding model, and remembers vectors so that each text is embedded
/// once: a corpus repeated to 100k papers costs the model one pass, and a question embedded before the timing
/// starts is answered from memory, so search timings leave the model out. The inner embedder's chunk encoder, which
/// the indexer asks for, is wrapped the same way (<see cref="TimedChunkEncoder"/>).
/// </summary>
internal sealed class TimedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly Dictionary<(string? Kind, string Text), Embedding<float>> _remembered = [];
    private long _modelTicks;
    private TimedChunkEncoder? _chunkEncoder;

    public TimeSpan ModelTime => TimeSpan.FromTicks(Interlocked.Read(ref _modelTicks));

    public void ResetTime() => Interlocked.Exchange(ref _modelTicks, 0);

    internal void AddModelTime(TimeSpan time) => Interlocked.Add(ref _modelTicks, time.Ticks);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(IChunkEncoder) && serviceKey is null && base.GetService(serviceType) is IChunkEncoder encoder
            ? _chunkEncoder ??= new TimedChunkEncoder(encoder, this)
            : base.GetService(serviceType, serviceKey);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A query and a document of the same text may embed differently (models with a query prefix), so the kind is part of the key.
        var kind = options?.AdditionalProperties?.TryGetValue("input_kind", out var value) == true ? value?.ToString() : null;
        var texts = values.ToList();
        List<string> missing;
        lock (_remembered) missing = [.. texts.Where(text => !_remembered.ContainsKey((kind, text))).Distinct()];
        GeneratedEmbeddings<Embedding<float>> computed = [];
        if (missing.Count > 0)
        {
            var stopwatch = Stopwatch.StartNew();
            computed = await base.GenerateAsync(missing, options, cancellationToken);
            Interlocked.Add(ref _modelTicks, stopwatch.Elapsed.Ticks);
        }
        lock (_remembered)
        {
            for (var i = 0; i < missing.Count; i++) _remembered[(kind, missing[i])] = computed[i];
            return [.. texts.Select(text => _remembered[(kind, text)])];
        }
    }
}
