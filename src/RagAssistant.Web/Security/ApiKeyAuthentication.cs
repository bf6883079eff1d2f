using System.Security.Claims;

namespace RagAssistant.Web.Security;

/// <summary>
/// The names of the API key scheme and of the machine-surface policy, and the one person the server key stands for.
/// The wiring is <see cref="SignInExtensions.AddSignIn"/>.
/// </summary>
public static class ApiKeyAuthentication
{
    /// <summary>The authentication scheme of <see cref="ApiKeyAuthenticationHandler"/>.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The authorization policy the machine surfaces (/api, /mcp, /hubs/chat) require: any signed-in caller when the server is protected.</summary>
    public const string Policy = "MachineSurface";

    /// <summary>
    /// The name identifier of whoever holds the server key. The sign-in page and the API key give the same one, so on a
    /// single-user server the page, REST, MCP and the hub all act for the same owner.
    /// </summary>
    public const string KeyHolderId = "server-key";

    /// <summary>The signed-in principal for the server key, with the stable name identifier owners are keyed by.</summary>
    public static ClaimsPrincipal KeyHolder(string authenticationType) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, KeyHolderId),
            new Claim(ClaimTypes.Name, "Key holder"),
            new Claim(ClaimTypes.AuthenticationMethod, "api-key"),
        ], authenticationType));
}
