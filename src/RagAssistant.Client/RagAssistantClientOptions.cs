namespace RagAssistant.Client;

/// <summary>Where the RagAssistant server is and how to prove access to it.</summary>
public sealed class RagAssistantClientOptions
{
    /// <summary>The server's root, e.g. <c>http://127.0.0.1:5244/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5244/");

    /// <summary>The server's <c>Rag:ApiKey</c>, when it sets one; sent as <c>X-Api-Key</c> (REST) or as a bearer token (hub).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The absolute address of a path on the server, whether or not <see cref="BaseAddress"/> ends with a slash.</summary>
    internal Uri Resolve(string relativePath)
    {
        var root = BaseAddress.AbsoluteUri.EndsWith('/') ? BaseAddress : new Uri(BaseAddress.AbsoluteUri + "/");
        return new Uri(root, relativePath);
    }
}
