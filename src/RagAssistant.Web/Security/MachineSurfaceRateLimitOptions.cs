namespace RagAssistant.Web.Security;

/// <summary>
/// The <c>RateLimits</c> configuration section (environment form <c>RateLimits__PermitLimit</c>, …): how many requests one
/// client may make to the machine surfaces (<c>/api</c>, <c>/mcp</c>, <c>/hubs/chat</c>) per window. The chat page is not
/// limited: its circuit is one long-lived connection per browser tab.
/// </summary>
public sealed class MachineSurfaceRateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per client per <see cref="Window"/>; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; } = 600;

    /// <summary>The fixed window the permits are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
