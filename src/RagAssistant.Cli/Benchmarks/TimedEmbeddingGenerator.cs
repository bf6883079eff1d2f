using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// Measures the time spent inside the embedding model, and remembers vectors by text so that a
/// corpus repeated to 100k papers is embedded once: the large runs measure the pipeline and the store.
/// </summary>
internal sealed class TimedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly Dictionary<string, Embedding<float>> _remembered = [];
    private long _modelTicks;

    public TimeSpan ModelTime => TimeSpan.FromTicks(Interlocked.Read(ref _modelTicks));

    public void ResetTime() => Interlocked.Exchange(ref _modelTicks, 0);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        List<string> missing;
        lock (_remembered) missing = [.. texts.Where(text => !_remembered.ContainsKey(text)).Distinct()];
        GeneratedEmbeddings<Embedding<float>> computed = [];
        if (missing.Count > 0)
        {
            var stopwatch = Stopwatch.StartNew();
            computed = await base.GenerateAsync(missing, options, cancellationToken);
            Interlocked.Add(ref _modelTicks, stopwatch.Elapsed.Ticks);
        }
        lock (_remembered)
        {
            for (var i = 0; i < missing.Count; i++) _remembered[missing[i]] = computed[i];
            return [.. texts.Select(text => _remembered[text])];
        }
    }
}
