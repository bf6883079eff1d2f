using Microsoft.Extensions.AI;

namespace RagAssistant.Core.Retrieval;

/// <summary>Which embedding provider, model and dimension built an index. Dimension 0 means dense search is off.</summary>
public sealed record EmbeddingSignature(string Provider, string Model, int Dimension)
{
    public static readonly EmbeddingSignature None = new("none", "none", 0);

    public bool HasVectors => Dimension > 0;

    /// <summary>The signature of an index built by this embedder; <see cref="None"/> without one.</summary>
    public static EmbeddingSignature Of(IEmbeddingGenerator<string, Embedding<float>>? embedder)
    {
        if (embedder is null) return None;
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>()
            ?? throw new InvalidOperationException("The embedding generator does not describe itself (EmbeddingGeneratorMetadata).");
        return new EmbeddingSignature(
            metadata.ProviderName ?? "unknown",
            metadata.DefaultModelId ?? "unknown",
            metadata.DefaultModelDimensions ?? throw new InvalidOperationException("The embedding generator does not report its dimension; use OfAsync."));
    }

    /// <summary>
    /// As <see cref="Of"/>, but asks the embedder for one vector when it does not declare its dimension
    /// (an OpenAI-compatible server configured without <c>Embeddings:Dimensions</c>).
    /// </summary>
    public static async Task<EmbeddingSignature> OfAsync(IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken cancellationToken = default)
    {
        if (embedder?.GetService<EmbeddingGeneratorMetadata>() is { DefaultModelDimensions: null } metadata)
        {
            var probe = await embedder.GenerateAsync(["dimension probe"], cancellationToken: cancellationToken);
            return new EmbeddingSignature(metadata.ProviderName ?? "unknown", metadata.DefaultModelId ?? "unknown", probe[0].Vector.Length);
        }
        return Of(embedder);
    }

    public override string ToString() => HasVectors ? $"{Provider}/{Model} ({Dimension} dimensions)" : "no embeddings (BM25 only)";
}
