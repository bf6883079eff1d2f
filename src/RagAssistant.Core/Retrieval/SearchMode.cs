namespace RagAssistant.Core.Retrieval;

/// <summary>Which rankings a search uses: dense vectors, BM25 terms, or both fused by reciprocal rank.</summary>
public enum SearchMode
{
    Hybrid,
    Dense,
    Sparse,
}
