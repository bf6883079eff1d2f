using Microsoft.AspNetCore.SignalR;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Chat;

namespace RagAssistant.Web.Limits;

/// <summary>
/// Counts each hub <c>Ask</c> against the caller's question allowance. The HTTP rate limit sees a WebSocket once, when
/// it opens; every question sent over it afterwards passes here, and one over the limit ends with a clear
/// <see cref="HubException"/> instead of an answer.
/// </summary>
public sealed class QuestionLimitHubFilter(QuestionLimiter limiter) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.HubMethodName == nameof(ChatHub.Ask) && invocation.Context.GetHttpContext() is { } http
            && await limiter.RefusalAsync(Caller.Of(http).LimitKey, invocation.Context.ConnectionAborted) is { } refusal)
        {
            throw new HubException(refusal.Message);
        }
        return await next(invocation);
    }
}
