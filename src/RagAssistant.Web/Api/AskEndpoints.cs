using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using RagAssistant.Web.Api.Answers;

namespace RagAssistant.Web.Api;

/// <summary>POST /api/ask (the whole cited answer) and POST /api/ask/stream (its events as server-sent events).</summary>
public static class AskEndpoints
{
    public static RouteGroupBuilder MapAskEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/ask", AskAsync)
            .WithName("Ask")
            .WithSummary("A cited answer (or, with kind summary, a literature summary) from the indexed papers.")
            .WithDescription("Same object as `rag ask --json`: every [n] in `answer` is listed in `citations`.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        api.MapPost("/ask/stream", Stream)
            .WithName("AskStream")
            .WithSummary("The same answer as server-sent events, as it is written.")
            .WithDescription("Each SSE event is named by its type (sources, text, citation, done, error) and carries one JSON AnswerEvent; done or error comes last.")
            .Produces<AnswerEvent>(StatusCodes.Status200OK, "text/event-stream");
        return api;
    }

    private static async Task<Results<Ok<AnswerResponse>, ValidationProblem, ProblemHttpResult>> AskAsync(
        AskRequest request, AnswerOrchestrator orchestrator, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var answer = await AnswerAccumulator.ReadAsync(orchestrator.AskAsync(request.ToAnswerRequest(), cancellationToken), cancellationToken);
        return answer.Error switch
        {
            null => TypedResults.Ok(answer.ToResponse()),
            { ServiceUnreachable: true } => TypedResults.Problem(answer.Error.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "A required service is unreachable"),
            _ => TypedResults.Problem(answer.Error.Message, statusCode: StatusCodes.Status500InternalServerError, title: "The answer failed"),
        };
    }

    private static Results<ServerSentEventsResult<string>, ValidationProblem> Stream(
        AskRequest request, AnswerOrchestrator orchestrator, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.ServerSentEvents(Events(orchestrator.AskAsync(request.ToAnswerRequest(), cancellationToken)));
    }

    // Strings go out as they are, so each event is exactly the WireJson wire format the CLI and hub use.
    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<AnswerEvent> events)
    {
        await foreach (var answerEvent in events)
        {
            yield return new SseItem<string>(WireJson.Serialize(answerEvent), AnswerEventNames.Of(answerEvent));
        }
    }
}
