namespace RagAssistant.Core.Retrieval.Bm25;

/// <summary>Term hashes and their weights, sorted by index; the shape Qdrant's sparse vectors take.</summary>
public sealed record SparseVector(uint[] Indices, float[] Values)
{
    public static readonly SparseVector Empty = new([], []);

    public bool IsEmpty => Indices.Length == 0;
}
