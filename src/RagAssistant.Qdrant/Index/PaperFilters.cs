using Qdrant.Client.Grpc;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Qdrant.Index;

/// <summary>The filters the paper index asks Qdrant for.</summary>
internal static class PaperFilters
{
    /// <summary>
    /// Null when the query has no date bounds. Both bounds are whole days, inclusive; a paper without a date
    /// never passes a bound (it has no value to compare), as in <see cref="SearchQuery.Admits"/>.
    /// </summary>
    public static Filter? Dates(SearchQuery query) =>
        query.FromDate is null && query.ToDate is null
            ? null
            : new Filter
            {
                Must =
                {
                    Conditions.DatetimeRange(PaperPayload.DateField,
                        gte: query.FromDate?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        lte: query.ToDate?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
                },
            };
}
