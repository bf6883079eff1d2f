using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RagAssistant.Web.Chat;

namespace RagAssistant.Web.Security;

/// <summary>
/// The API key as an authentication scheme: the key in <c>Rag:ApiKey</c> sent as <c>X-Api-Key</c>, as
/// <c>Authorization: Bearer</c>, or — on the chat hub (<c>/hubs/chat</c>) only, because browsers cannot set headers on a
/// WebSocket — as the <c>access_token</c> query parameter. The page's circuit (<c>/_blazor</c>) is a hub too but takes
/// no key in its URL: a browser reaches it with the sign-in cookie. With no key configured it signs nobody in (the app is then open, or protected by
/// OpenID Connect alone). Its challenge is the 401 the machine surfaces answer; which scheme a request uses is chosen
/// in <see cref="SignInExtensions"/>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";
    public const string QueryName = "access_token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = keys.CurrentValue.ApiKey;
        var presented = PresentedKey(Context);
        if (string.IsNullOrEmpty(expected) || presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        return Task.FromResult(Matches(presented, expected)
            ? AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthentication.KeyHolder(Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail("The API key does not match Rag:ApiKey."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "An API key is required",
                Detail = $"Send the key configured as Rag:ApiKey in the {HeaderName} header or as Authorization: Bearer <key>.",
            },
        });
    }

    /// <summary>The key the request carries, if any; also how <see cref="SignInExtensions"/> tells a machine caller from a browser.</summary>
    public static string? PresentedKey(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header)) return header.ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        var isChatHub = context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>()?.HubType == typeof(ChatHub);
        return isChatHub && request.Query.TryGetValue(QueryName, out var token) ? token.ToString() : null;
    }

    /// <summary>
    /// Compares digests rather than the keys, so the time taken depends on neither the length nor any prefix of the
    /// expected key.
    /// </summary>
    public static bool Matches(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
