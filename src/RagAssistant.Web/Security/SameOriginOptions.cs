namespace RagAssistant.Web.Security;

/// <summary>
/// <c>Rag:AllowedOrigins</c> (environment <c>Rag__AllowedOrigins__0</c>, …): browser origins besides the app's own that
/// may open its SignalR connections — a separate front end, or a reverse proxy that rewrites the Host header.
/// </summary>
public sealed class SameOriginOptions
{
    public const string Section = "Rag";

    public string[] AllowedOrigins { get; set; } = [];
}
