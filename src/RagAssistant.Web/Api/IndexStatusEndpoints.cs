using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Contracts;
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

    private static async Task<Ok<IndexStatus>> GetStatusAsync(
        IndexReadiness status, IPaperIndex index, PaperSearch search, CancellationToken cancellationToken)
    {
        var state = status.State;
        // Counted afresh once ready, because `rag index` may have added papers to the same store since the app started.
        var papers = state == IndexState.Ready ? await index.CountPapersAsync(cancellationToken) : status.Papers;
        return TypedResults.Ok(new IndexStatus(state, papers, index.Name, search.HasDenseSearch, status.Problem));
    }
}
