using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Web.Api;

/// <summary>GET /api/search: the same results as <c>rag search --json</c>.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/search", SearchAsync).WithName("SearchPapers").WithSummary("Hybrid search over the indexed papers.");
        return routes;
    }

    private static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        PaperSearch search, string? q, int? top, SearchMode? mode, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q)) errors["q"] = ["The query is empty."];
        if (top is < 1 or > PaperSearch.MaxTop) errors["top"] = [$"top must be between 1 and {PaperSearch.MaxTop}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var hits = await search.SearchAsync(q!, top ?? 10, mode ?? SearchMode.Hybrid, from, to, cancellationToken);
        return TypedResults.Ok(new SearchResponse([.. hits.Select(hit => new SearchResult(
            hit.Paper.Id,
            hit.Paper.Title,
            hit.Paper.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Math.Round(hit.Score, 6),
            hit.Snippet))]));
    }
}

public sealed record SearchResponse(IReadOnlyList<SearchResult> Results);

public sealed record SearchResult(string PaperId, string Title, string? Date, double Score, string Snippet);
