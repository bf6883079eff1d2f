using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// A search as an index receives it: the question already encoded both ways, so that every index
/// (embedded or Qdrant) ranks the very same inputs.
/// </summary>
public sealed record SearchQuery(
    string Text,
    SparseVector Terms,
    ReadOnlyMemory<float>? Vector,
    int Top,
    SearchMode Mode,
    DateOnly? FromDate = null,
    DateOnly? ToDate = null)
{
    /// <summary>How many candidates each ranking contributes before fusion.</summary>
    public int CandidatePool => Math.Max(Top * 4, 100);

    public bool Admits(DateOnly? date) =>
        (FromDate is null && ToDate is null) ||
        (date is { } d && (FromDate is null || d >= FromDate) && (ToDate is null || d <= ToDate));
}
