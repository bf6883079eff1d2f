using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Plugins;

namespace RagAssistant.Web.Api;

/// <summary>GET /api/papers/{paperId}: one paper with its whole abstract, as the <c>get_paper</c> tool returns it.</summary>
public static class PaperEndpoints
{
    public static RouteGroupBuilder MapPaperEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/papers/{paperId}", GetPaperAsync)
            .WithName("GetPaper")
            .WithSummary("One indexed paper by the paper_id that search and ask return.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<PaperDetails>, ProblemHttpResult>> GetPaperAsync(
        string paperId, PapersPlugin papers, CancellationToken cancellationToken) =>
        await papers.GetPaperAsync(paperId, cancellationToken) is { } paper
            ? TypedResults.Ok(paper)
            : TypedResults.Problem($"No indexed paper has the id \"{paperId}\".", statusCode: StatusCodes.Status404NotFound, title: "Paper not found");
}
