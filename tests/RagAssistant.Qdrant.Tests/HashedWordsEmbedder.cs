using Microsoft.Extensions.AI;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Qdrant.Tests;

/// <summary>
/// A stand-in embedder for store tests: each word adds ±1 to a hashed dimension, then the vector
/// is normalised. Texts sharing words come out similar, which is all these tests need; the real
/// sentence encoder is tested in its own project.
/// </summary>
internal sealed class HashedWordsEmbedder(int dimension = 256) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("test", defaultModelId: "hashed-words", defaultModelDimensions: dimension);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(text => new Embedding<float>(Embed(text)))));

    public float[] Embed(string text)
    {
        var vector = new float[dimension];
        foreach (var term in Bm25Encoder.Terms(text))
        {
            var hash = Bm25Encoder.TermIndex(term);
            vector[hash % (uint)dimension] += (hash & 0x80000000) == 0 ? 1f : -1f;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0) vector[0] = norm = 1; // an empty text still needs a unit vector for cosine
        for (var i = 0; i < dimension; i++) vector[i] /= norm;
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
