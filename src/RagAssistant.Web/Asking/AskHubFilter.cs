using Microsoft.AspNetCore.SignalR;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Chat;

namespace RagAssistant.Web.Asking;

/// <summary>
/// Lets a hub <c>Ask</c> through only when <see cref="AskHandler"/> does, and ends a refused one with a clear
/// <see cref="HubException"/> instead of an answer. The HTTP rate limit sees a WebSocket once, when it opens; every
/// question sent over it afterwards is counted here.
/// </summary>
public sealed class AskHubFilter(AskHandler handler) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.HubMethodName == nameof(ChatHub.Ask))
        {
            var request = ChatHub.RequestOf(invocation.HubMethodArguments);
            var caller = Caller.Of(invocation.Context.GetHttpContext()!);
            if (await handler.RefusalAsync(request, caller, invocation.Context.ConnectionAborted) is { } refusal) throw new HubException(refusal.Message);
        }
        return await next(invocation);
    }
}
