namespace RagAssistant.Embeddings.Local;

/// <summary>A dense layer as TensorFlow stores it: kernel [in, out], bias [out].</summary>
internal sealed record DenseWeights(float[] Kernel, float[] Bias, int Inputs, int Outputs);

/// <summary>Layer-normalisation gain and offset.</summary>
internal sealed record LayerNormWeights(float[] Scale, float[] Bias);

/// <summary>
/// One pre-norm transformer layer of the encoder. The first layer widens 256 → 512, so its residual path goes
/// through <see cref="ResidualProjection"/>; the second adds its input unchanged.
/// </summary>
internal sealed record TransformerLayerWeights(
    int Heads,
    float QueryScale,
    LayerNormWeights AttentionNorm,
    DenseWeights QueryKeyValue,
    DenseWeights AttentionOutput,
    DenseWeights? ResidualProjection,
    LayerNormWeights FeedForwardNorm,
    DenseWeights FeedForwardIn,
    DenseWeights FeedForwardOut);

/// <summary>Everything the Universal Sentence Encoder lite graph computes with, read from its TensorFlow.js weights.</summary>
internal sealed record UseLiteWeights(
    float[] TokenEmbeddings,
    int VocabularyRows,
    int EmbeddingWidth,
    float[] InverseTimescales,
    int MaxTokens,
    float LayerNormEpsilon,
    float PaddingBias,
    IReadOnlyList<TransformerLayerWeights> Layers,
    DenseWeights Projection,
    float NormalizationFloor)
{
    public int Dimensions => Projection.Outputs;
}
