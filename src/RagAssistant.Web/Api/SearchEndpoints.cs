using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Contracts;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Web.Api;

/// <summary>GET /api/search: the same results as <c>rag search --json</c>.</summary>
public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync).WithName("SearchPapers").WithSummary("Search over the indexed papers: hybrid, re-ordered by the learned ranker.");
        return api;
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        PaperSearch search,
        [Description("What to look for, in plain words.")] string? q,
        [Description("How many papers to return, 1 to 100; default 10.")] int? top,
        [Description("reranked (default: hybrid re-ordered by the learned ranker), hybrid, dense or sparse (BM25); any letter case.")] string? mode,
        [Description("Only papers dated on or after this day (yyyy-mm-dd).")] DateOnly? from,
        [Description("Only papers dated on or before this day (yyyy-mm-dd).")] DateOnly? to,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (QuestionText.Problem(q, "query") is { } problem) errors["q"] = [problem];
        if (top is < 1 or > PaperSearch.MaxTop) errors["top"] = [$"top must be between 1 and {PaperSearch.MaxTop}."];
        // Read here rather than bound as the enum, which would refuse "hybrid" (the CLI's spelling) and answer without a field error.
        var searchMode = SearchMode.Reranked;
        if (mode is not null && !(Enum.TryParse(mode, ignoreCase: true, out searchMode) && Enum.IsDefined(searchMode)))
        {
            errors["mode"] = ["mode must be reranked, hybrid, dense or sparse."];
        }
        if (from > to) errors["from"] = ["from is after to."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var hits = await search.SearchAsync(QuestionText.Normalise(q!), top ?? 10, searchMode, from, to, cancellationToken);
        return TypedResults.Ok(hits.ToResponse());
    }
}
