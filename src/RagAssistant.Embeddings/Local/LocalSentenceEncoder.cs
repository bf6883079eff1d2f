using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Sentence embeddings from Universal Sentence Encoder lite, computed in-process with no network.
/// <para>
/// Texts of up to 128 tokens (all chunks, since the chunker counts with <see cref="UseLiteTokenCounter"/>) get exactly
/// the original model's vector. A longer text is cut into consecutive 128-token windows whose vectors are averaged,
/// weighted by their token counts, and re-normalised, so its tail is not silently dropped as the original graph would.
/// </para>
/// Thread-safe: calls share one ONNX Runtime session. A call's texts are sorted by length and run in groups of
/// <see cref="TextsPerRun"/>, so padding stays small.
/// </summary>
public sealed class LocalSentenceEncoder : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Windows per ONNX Runtime call; larger groups gain little and hold more memory.</summary>
    public const int TextsPerRun = 32;

    public const string ProviderName = "local";

    private readonly UseLiteModel _model;
    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, null, UseLiteModel.ModelId, UseLiteModel.Dimensions);

    /// <param name="model">Shared, and disposed by its owner rather than by this encoder.</param>
    public LocalSentenceEncoder(UseLiteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        try
        {
            return Task.FromResult(Generate(values as IReadOnlyList<string> ?? values.ToList(), options, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<GeneratedEmbeddings<Embedding<float>>>(cancellationToken);
        }
        catch (Exception e)
        {
            // The work runs synchronously (it is all CPU), but failures still surface where the caller awaits.
            return Task.FromException<GeneratedEmbeddings<Embedding<float>>>(e);
        }
    }

    private GeneratedEmbeddings<Embedding<float>> Generate(IReadOnlyList<string> texts, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        CheckTexts(texts);
        if (options?.Dimensions is { } dimensions && dimensions != UseLiteModel.Dimensions)
        {
            throw new ArgumentException($"The local model always gives {UseLiteModel.Dimensions} dimensions; {dimensions} were asked for.", nameof(options));
        }

        if (texts.Count == 0)
        {
            return [];
        }

        cancellationToken.ThrowIfCancellationRequested();
        var windows = new List<int[]>(texts.Count);
        var windowOwners = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            foreach (var window in SplitIntoWindows(_model.Tokenizer.Encode(texts[i])))
            {
                windows.Add(window);
                windowOwners.Add(i);
            }
        }

        var windowVectors = EmbedWindows(windows, cancellationToken);
        var createdAt = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        var first = 0;
        for (var text = 0; text < texts.Count; text++)
        {
            var last = first;
            while (last < windowOwners.Count && windowOwners[last] == text)
            {
                last++;
            }

            var vector = last - first == 1 ? windowVectors[first] : Combine(windows, windowVectors, first, last);
            embeddings.Add(new Embedding<float>(vector) { ModelId = UseLiteModel.ModelId, CreatedAt = createdAt });
            first = last;
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release: the shared <see cref="UseLiteModel"/> belongs to whoever created it.</summary>
    public void Dispose()
    {
    }

    private static void CheckTexts(IReadOnlyList<string> texts)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                throw new ArgumentException(
                    $"Text {i} of {texts.Count} is empty or only whitespace; there is nothing to embed. Leave such texts out before embedding.",
                    "values");
            }
        }
    }

    private static IEnumerable<int[]> SplitIntoWindows(int[] tokens)
    {
        if (tokens.Length <= UseLiteModel.MaxTokens)
        {
            yield return tokens;
            yield break;
        }

        for (var start = 0; start < tokens.Length; start += UseLiteModel.MaxTokens)
        {
            yield return tokens[start..Math.Min(tokens.Length, start + UseLiteModel.MaxTokens)];
        }
    }

    private float[][] EmbedWindows(List<int[]> windows, CancellationToken cancellationToken)
    {
        var runtime = _model.Runtime;
        var byLength = Enumerable.Range(0, windows.Count).OrderBy(i => windows[i].Length).ToArray();
        var vectors = new float[windows.Count][];
        for (var start = 0; start < byLength.Length; start += TextsPerRun)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var group = byLength.AsSpan(start, Math.Min(TextsPerRun, byLength.Length - start)).ToArray();
            var groupVectors = runtime.Embed(group.Select(i => windows[i]).ToArray());
            for (var j = 0; j < group.Length; j++)
            {
                vectors[group[j]] = groupVectors[j];
            }
        }

        return vectors;
    }

    private static float[] Combine(List<int[]> windows, float[][] vectors, int first, int last)
    {
        var combined = new float[UseLiteModel.Dimensions];
        for (var w = first; w < last; w++)
        {
            TensorPrimitives.MultiplyAdd(vectors[w], windows[w].Length, combined, combined);
        }

        TensorPrimitives.Divide(combined, TensorPrimitives.Norm(combined), combined);
        return combined;
    }
}
