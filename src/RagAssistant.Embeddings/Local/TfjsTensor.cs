namespace RagAssistant.Embeddings.Local;

/// <summary>One named weight of a TensorFlow.js graph model, float32 values in row-major order.</summary>
internal sealed record TfjsTensor(string Name, int[] Shape, float[] Values)
{
    public int ElementCount => Values.Length;
}
