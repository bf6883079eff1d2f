using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Embeddings.Local;

/// <summary>
/// Sentence embeddings from a local sentence-transformer (<see cref="LocalModels"/>), computed in-process with no network.
/// <para>
/// A text is tokenised as BERT does; one that is longer than the model's window is cut into consecutive windows whose
/// vectors are averaged, weighted by their token counts, and re-normalised, so its tail counts instead of being
/// dropped. Texts embedded as queries (<see cref="QueryEmbedding.Options"/>) get the model's query prefix, if any.
/// </para>
/// Thread-safe: calls share one ONNX Runtime session. A call's windows are sorted by length and run in small groups,
/// so each group is padded only to its own longest window (<see cref="WindowGroups"/>). For indexing it offers an
/// <see cref="IChunkEncoder"/> through <see cref="GetService"/>: with a mean-pooled model, <see cref="LateChunkingEncoder"/>.
/// </summary>
public sealed class LocalSentenceEncoder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ProviderName = "local";

    private readonly SentenceTransformer _transformer;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private LateChunkingEncoder? _chunkEncoder;

    /// <param name="transformer">Shared, and disposed by its owner rather than by this encoder.</param>
    public LocalSentenceEncoder(SentenceTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        _transformer = transformer;
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, null, Model.Name, Model.Dimensions);
    }

    public LocalModel Model => _transformer.Model;

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

        if (serviceType == typeof(IChunkEncoder))
        {
            // Pooling a sentence's word pieces only means something for a model trained to mean-pool them.
            return Model.Pooling == TokenPooling.Mean ? _chunkEncoder ??= new LateChunkingEncoder(_transformer, this) : null;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release: the shared <see cref="SentenceTransformer"/> belongs to whoever created it.</summary>
    public void Dispose()
    {
    }

    private GeneratedEmbeddings<Embedding<float>> Generate(IReadOnlyList<string> texts, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        CheckTexts(texts);
        if (options?.Dimensions is { } dimensions && dimensions != Model.Dimensions)
        {
            throw new ArgumentException($"{Model.Name} always gives {Model.Dimensions} dimensions; {dimensions} were asked for.", nameof(options));
        }

        if (texts.Count == 0)
        {
            return [];
        }

        cancellationToken.ThrowIfCancellationRequested();
        var prefix = QueryEmbedding.IsQuery(options) ? Model.QueryPrefix : null;
        var windows = new List<int[]>(texts.Count);
        var windowOwners = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var tokens = _transformer.Tokenizer.Encode(prefix + texts[i]);
            if (tokens.Length == 0)
            {
                throw new ArgumentException($"Text {i} of {texts.Count} has no word pieces the model can read (only control or combining characters).", "values");
            }

            for (var start = 0; start < tokens.Length; start += Model.MaxTextTokens)
            {
                windows.Add(tokens[start..Math.Min(tokens.Length, start + Model.MaxTextTokens)]);
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
            embeddings.Add(new Embedding<float>(vector) { ModelId = Model.Name, CreatedAt = createdAt });
            first = last;
        }

        return embeddings;
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

    /// <summary>Runs the windows shortest first, in groups that respect both run limits.</summary>
    private float[][] EmbedWindows(List<int[]> windows, CancellationToken cancellationToken)
    {
        var vectors = new float[windows.Count][];
        foreach (var group in WindowGroups.ByLength(windows))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var groupVectors = _transformer.Session.Embed(group.Select(i => windows[i]).ToArray());
            for (var j = 0; j < group.Length; j++)
            {
                vectors[group[j]] = groupVectors[j];
            }
        }

        return vectors;
    }

    private float[] Combine(List<int[]> windows, float[][] vectors, int first, int last)
    {
        var combined = new float[Model.Dimensions];
        for (var w = first; w < last; w++)
        {
            TensorPrimitives.MultiplyAdd(vectors[w], windows[w].Length, combined, combined);
        }

        TensorPrimitives.Divide(combined, TensorPrimitives.Norm(combined), combined);
        return combined;
    }
}
