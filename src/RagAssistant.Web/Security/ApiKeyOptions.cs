namespace RagAssistant.Web.Security;

/// <summary>The web app's server key: <c>Rag:ApiKey</c> (environment <c>Rag__ApiKey</c>), kept in the <c>Rag</c> section by contract.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Rag";

    /// <summary>
    /// When set, the whole app needs a signed-in caller: people sign in with this key on <c>/signin</c>, machines send it
    /// as <c>X-Api-Key</c> or <c>Authorization: Bearer</c> (see <see cref="SignInExtensions"/>).
    /// </summary>
    public string? ApiKey { get; set; }
}
