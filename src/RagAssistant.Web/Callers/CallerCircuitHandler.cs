using Microsoft.AspNetCore.Components.Server.Circuits;
using RagAssistant.Core.Conversations;

namespace RagAssistant.Web.Callers;

/// <summary>
/// Reads the caller when a circuit opens, before its components render: the circuit's connection request is the one
/// moment the browser's cookie and sign-in are at hand. A connection without the session cookie gets a session of
/// its own for the circuit's life, never someone else's.
/// </summary>
public sealed class CallerCircuitHandler(PageCaller caller, IHttpContextAccessor http, ILogger<CallerCircuitHandler> logger) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (http.HttpContext is { } context)
        {
            caller.Current = Caller.Of(context, BrowserSession.Read(context) ?? ConversationIds.New());
        }
        else
        {
            logger.LogWarning("Circuit {Circuit} opened without its connection's request; it keeps conversations for its own life only", circuit.Id);
            // One shared allowance for all such circuits: opening another must not buy a fresh one.
            caller.Current = new Caller(ConversationOwner.Session(ConversationIds.New()), "address:unknown");
        }
        return Task.CompletedTask;
    }
}
