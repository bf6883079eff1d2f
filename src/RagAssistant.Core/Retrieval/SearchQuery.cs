using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// What a store receives: the question already encoded both ways, so that every store (embedded or Qdrant)
/// ranks the very same inputs, and how many papers each ranking may return.
/// </summary>
public sealed record SearchQuery(
    SparseVector Terms,
    ReadOnlyMemory<float>? Vector,
    int Candidates,
    DateOnly? FromDate = null,
    DateOnly? ToDate = null)
{
    public bool Admits(DateOnly? date) =>
        (FromDate is null && ToDate is null) ||
        (date is { } d && (FromDate is null || d >= FromDate) && (ToDate is null || d <= ToDate));
}
