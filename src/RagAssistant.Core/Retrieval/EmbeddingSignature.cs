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
            metadata.DefaultModelDimensions ?? throw new InvalidOperationException("The embedding generator does not report its dimension."));
    }

    public override string ToString() => HasVectors ? $"{Provider}/{Model} ({Dimension} dimensions)" : "no embeddings (BM25 only)";
}
