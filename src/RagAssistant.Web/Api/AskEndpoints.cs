using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;
using RagAssistant.Contracts;
using RagAssistant.Web.Api.Answers;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Limits;

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
        api.MapPost("/ask", AskAsync)
            .WithName("Ask")
            .WithSummary("A cited answer (or, with kind summary, a literature summary) from the indexed papers.")
            .WithDescription("Same object as `rag ask --json`: every [n] in `answer` is listed in `citations`. " +
                             "With `conversation_id`, a follow-up is read against the caller's earlier questions in that conversation, and the answer is kept in it.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        api.MapPost("/ask/stream", Stream)
            .WithName("AskStream")
            .WithSummary("The same answer as server-sent events, as it is written.")
            .WithDescription("Each SSE event is named by its type (sources, text, citation, done, error) and carries one JSON AnswerEvent; done or error comes last.")
            .Produces<AnswerEvent>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Ok<AnswerResponse>, ValidationProblem, ProblemHttpResult>> AskAsync(
        AskRequest request, HttpContext context, AnswerOrchestrator orchestrator, ConversationService conversations, QuestionLimiter limiter,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var caller = Caller.Of(context);
        if (await limiter.RefusalAsync(caller.LimitKey, cancellationToken) is { } refusal) return TooManyQuestions(refusal, context);

        var answer = await AnswerAccumulator.ReadAsync(Answer(request, caller, orchestrator, conversations, cancellationToken), cancellationToken);
        return answer.Error switch
        {
            null => TypedResults.Ok(answer.ToResponse() with { ConversationId = request.ConversationId }),
            { ServiceUnreachable: true } => TypedResults.Problem(answer.Error.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "A required service is unreachable"),
            _ => TypedResults.Problem(answer.Error.Message, statusCode: StatusCodes.Status500InternalServerError, title: "The answer failed"),
        };
    }

    private static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ProblemHttpResult>> Stream(
        AskRequest request, HttpContext context, AnswerOrchestrator orchestrator, ConversationService conversations, QuestionLimiter limiter,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var caller = Caller.Of(context);
        if (await limiter.RefusalAsync(caller.LimitKey, cancellationToken) is { } refusal) return TooManyQuestions(refusal, context);
        return TypedResults.ServerSentEvents(Events(Answer(request, caller, orchestrator, conversations, cancellationToken)));
    }

    /// <summary>Within the caller's conversation when the request names one (kept there), else a question on its own.</summary>
    private static IAsyncEnumerable<AnswerEvent> Answer(
        AskRequest request, Caller caller, AnswerOrchestrator orchestrator, ConversationService conversations, CancellationToken cancellationToken) =>
        request.ConversationId is null
            ? orchestrator.AskAsync(request.ToAnswerRequest(), cancellationToken)
            : conversations.AskAsync(request.ToConversationQuestion(caller.Owner), cancellationToken);

    /// <summary>429 with Retry-After, like every refusal by a limit, so clients can wait the right time.</summary>
    private static ProblemHttpResult TooManyQuestions(QuestionRefusal refusal, HttpContext context)
    {
        context.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(refusal.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many questions");
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
