using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Client;

namespace RagAssistant.Qdrant.Index;

/// <summary>The filters the paper index asks Qdrant for.</summary>
internal static class PaperFilters
{
    /// <summary>Ordinal-0 points: one per complete paper, carrying its BM25 terms and content hash.</summary>
    public static Filter Heads { get; } = Filter.All(FieldCondition.Equal(ChunkPayload.OrdinalField, 0));

    public static Filter Head(string paperId) => Filter.All(
        FieldCondition.Equal(ChunkPayload.PaperIdField, paperId),
        FieldCondition.Equal(ChunkPayload.OrdinalField, 0));

    /// <summary>Chunks a paper had before and has no longer: ordinal at or beyond its new chunk count.</summary>
    public static Filter StaleChunks(IEnumerable<IndexedPaper> papers) => Filter.Any(
    [
        .. papers.Select(p => Filter.All(
            FieldCondition.Equal(ChunkPayload.PaperIdField, p.Paper.Id),
            FieldCondition.Between(ChunkPayload.OrdinalField, new RangeValue(Gte: p.Chunks.Count)))),
    ]);

    /// <summary>Null when the query has no date bounds; a paper without a date never passes a bound, as in <see cref="SearchQuery.Admits"/>.</summary>
    public static Filter? Dates(SearchQuery query) =>
        query.FromDate is null && query.ToDate is null
            ? null
            : Filter.All(FieldCondition.Between(ChunkPayload.DateField, new RangeValue(
                Gte: ChunkPayload.FormatDate(query.FromDate),
                Lte: ChunkPayload.FormatDate(query.ToDate))));
}
