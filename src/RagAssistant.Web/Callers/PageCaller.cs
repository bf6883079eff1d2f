namespace RagAssistant.Web.Callers;

/// <summary>
/// The caller of the page's components, one per scope: set from the request while the page is prerendered
/// (<c>App.razor</c>), and from the circuit's own connection when the circuit starts (<see cref="CallerCircuitHandler"/>),
/// so what the browser sends on its WebSocket — its cookie, its sign-in — decides whose conversations it sees.
/// </summary>
public sealed class PageCaller
{
    public Caller? Current { get; set; }
}
