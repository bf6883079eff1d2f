using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Indexing;

namespace RagAssistant.Web.Api;

/// <summary>GET /api/index/status: whether the index can be searched, how many papers it holds, and how it searches.</summary>
public static class IndexStatusEndpoints
{
    public static RouteGroupBuilder MapIndexStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/index/status", GetStatusAsync)
            .WithName("GetIndexStatus")
            .WithSummary("The state of the paper index: ready, indexing, starting or unavailable.");
        return api;
    }

    private static async Task<Ok<IndexStatusResponse>> GetStatusAsync(
        IndexStatus status, IPaperIndex index, PaperSearch search, CancellationToken cancellationToken)
    {
        var state = status.Problem is not null ? "unavailable" : status.Indexing ? "indexing" : status.Ready ? "ready" : "starting";
        // Counted afresh once ready, because `rag index` may have added papers to the same store since the app started.
        var papers = state == "ready" ? await index.CountPapersAsync(cancellationToken) : status.Papers;
        return TypedResults.Ok(new IndexStatusResponse(state, papers, index.Name, search.HasDenseSearch, status.Problem));
    }
}

/// <summary>
/// <paramref name="Status"/> is <c>ready</c>, <c>indexing</c> (the sample papers are being added), <c>starting</c> or
/// <c>unavailable</c> (see <paramref name="Problem"/>); <paramref name="DenseSearch"/> is false when searches are BM25 only.
/// </summary>
public sealed record IndexStatusResponse(string Status, long Papers, string Store, bool DenseSearch, string? Problem);
