using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace RagAssistant.Web.Security;

/// <summary>
/// The API key as an authentication scheme: the key in <c>Rag:ApiKey</c> sent as <c>X-Api-Key</c>, as
/// <c>Authorization: Bearer</c>, or — on hub endpoints only, because browsers cannot set headers on a WebSocket — as the
/// <c>access_token</c> query parameter. With no key configured every caller is let in, so the policy costs nothing.
/// Which endpoints need it is said where they are mapped (<see cref="ApiKeyAuthentication.Policy"/>).
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

    /// <summary>
    /// The user whoever holds the server key is (its <see cref="ClaimTypes.NameIdentifier"/>): one key, one user, so
    /// their conversations and limits are the same on every surface. An open app names nobody.
    /// </summary>
    public const string KeyHolder = "server-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = keys.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(expected)) return Task.FromResult(Success("open", user: null));
        var presented = PresentedKey();
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        return Task.FromResult(Matches(presented, expected) ? Success("api-key", KeyHolder) : AuthenticateResult.Fail("The API key does not match Rag:ApiKey."));
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

    private AuthenticateResult Success(string how, string? user)
    {
        List<Claim> claims = [new(ClaimTypes.AuthenticationMethod, how)];
        if (user is not null) claims.Add(new Claim(ClaimTypes.NameIdentifier, user));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header)) return header.ToString();
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        var isHub = Context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>() is not null;
        return isHub && Request.Query.TryGetValue(QueryName, out var token) ? token.ToString() : null;
    }

    /// <summary>
    /// Compares digests rather than the keys, so the time taken depends on neither the length nor any prefix of the
    /// expected key.
    /// </summary>
    public static bool Matches(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
