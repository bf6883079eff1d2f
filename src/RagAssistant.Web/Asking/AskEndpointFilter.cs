using System.Globalization;
using RagAssistant.Contracts;
using RagAssistant.Web.Callers;

namespace RagAssistant.Web.Asking;

/// <summary>
/// Lets an <see cref="AskRequest"/> through to its endpoint only when <see cref="AskHandler"/> does: otherwise a
/// validation problem (400, by field) or a 429 with Retry-After, like every refusal by a limit, so clients wait the right time.
/// </summary>
public sealed class AskEndpointFilter(AskHandler handler) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<AskRequest>().Single();
        var http = context.HttpContext;
        return await handler.RefusalAsync(request, Caller.Of(http), http.RequestAborted) switch
        {
            null => await next(context),
            { Limit: { } limit } => TooManyQuestions(limit, http),
            var refusal => TypedResults.ValidationProblem(refusal.Problems),
        };
    }

    private static IResult TooManyQuestions(Limits.QuestionRefusal refusal, HttpContext http)
    {
        http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(refusal.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many questions");
    }
}
