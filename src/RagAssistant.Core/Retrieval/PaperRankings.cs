namespace RagAssistant.Core.Retrieval;

/// <summary>
/// Both raw rankings for one query, best first, each at most <see cref="SearchQuery.Candidates"/> long, date
/// filter applied. Dense is empty when the query has no vector (or the store holds none); Sparse is empty when
/// the query has no terms. Stores do not fuse: Core needs each paper's raw cosine and BM25 score to judge relevance.
/// </summary>
public sealed record PaperRankings(IReadOnlyList<RankedPaper> Dense, IReadOnlyList<RankedPaper> Sparse)
{
    public static readonly PaperRankings None = new([], []);
}
