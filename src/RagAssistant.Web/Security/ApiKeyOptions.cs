namespace RagAssistant.Web.Security;

/// <summary>The web app's key for its machine surfaces: <c>Rag:ApiKey</c> (environment <c>Rag__ApiKey</c>), kept in the <c>Rag</c> section by contract.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Rag";

    /// <summary>When set, required on every endpoint that carries the <see cref="ApiKeyAuthentication.Policy"/> (/api, /mcp, /hubs/chat).</summary>
    public string? ApiKey { get; set; }
}
