using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Contracts;
using RagAssistant.Web.Api.Answers;
using RagAssistant.Web.Asking;
using RagAssistant.Web.Callers;

namespace RagAssistant.Web.Api;

/// <summary>
/// POST /api/ask (the whole cited answer) and POST /api/ask/stream (its events as server-sent events). With a
/// <c>conversation_id</c> the question is asked within the caller's conversation of that id, like the hub's; each
/// question counts against the caller's question limit (429 over it).
/// </summary>
public static class AskEndpoints
{
    public static RouteGroupBuilder MapAskEndpoints(this RouteGroupBuilder api)
    {
        // Both routes read the same body, refused and counted once, before either starts (AskEndpointFilter).
        var ask = api.MapGroup("").AddEndpointFilter<AskEndpointFilter>();
        ask.MapPost("/ask", AskAsync)
            .WithName("Ask")
            .WithSummary("A cited answer (or, with kind summary, a literature summary) from the indexed papers.")
            .WithDescription("Same object as `rag ask --json`: every [n] in `answer` is listed in `citations`. " +
                             "With `conversation_id`, a follow-up is read against the caller's earlier questions in that conversation, and the answer is kept in it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        ask.MapPost("/ask/stream", Stream)
            .WithName("AskStream")
            .WithSummary("The same answer as server-sent events, as it is written.")
            .WithDescription("Each SSE event is named by its type (sources, text, citation, done, error) and carries one JSON AnswerEvent; done or error comes last.")
            .Produces<AnswerEvent>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Ok<AnswerResponse>, ProblemHttpResult>> AskAsync(
        AskRequest request, HttpContext context, AskHandler handler, CancellationToken cancellationToken)
    {
        var answer = await AnswerAccumulator.ReadAsync(handler.AnswerAsync(request, Caller.Of(context), cancellationToken), cancellationToken);
        return answer.Error switch
        {
            null => TypedResults.Ok(answer.ToResponse() with { ConversationId = request.ConversationId }),
            { ServiceUnreachable: true } => TypedResults.Problem(answer.Error.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "A required service is unreachable"),
            _ => TypedResults.Problem(answer.Error.Message, statusCode: StatusCodes.Status500InternalServerError, title: "The answer failed"),
        };
    }

    private static ServerSentEventsResult<string> Stream(AskRequest request, HttpContext context, AskHandler handler, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Events(handler.AnswerAsync(request, Caller.Of(context), cancellationToken)));

    // Strings go out as they are, so each event is exactly the WireJson wire format the CLI and hub use.
    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<AnswerEvent> events)
    {
        await foreach (var answerEvent in events)
        {
            yield return new SseItem<string>(WireJson.Serialize(answerEvent), AnswerEventNames.Of(answerEvent));
        }
    }
}
