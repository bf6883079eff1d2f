using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Web.Chat;

namespace RagAssistant.Web.Security;

/// <summary>
/// Lets a request to a machine surface (<c>/api</c>, <c>/mcp</c>, <c>/hubs/chat</c>) through only with the key in
/// <c>Rag:ApiKey</c>, when one is set: as <c>X-Api-Key</c>, as <c>Authorization: Bearer</c>, or — for the chat hub
/// only, because browsers cannot set headers on a WebSocket — as the <c>access_token</c> query parameter.
/// The chat page itself, /health and the OpenAPI document stay open.
/// </summary>
public sealed class ApiKeyGuard(RequestDelegate next, IOptionsMonitor<RagOptions> options, IProblemDetailsService problems)
{
    public const string HeaderName = "X-Api-Key";
    public const string QueryName = "access_token";

    private static readonly PathString Hub = ChatHub.Path;
    private static readonly PathString[] GuardedPaths = ["/api", "/mcp", Hub];

    public async Task InvokeAsync(HttpContext context)
    {
        var expected = options.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(expected) || !IsGuarded(context.Request.Path) || Matches(PresentedKey(context.Request), expected))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "An API key is required",
                Detail = $"Send the key configured as Rag:ApiKey in the {HeaderName} header or as Authorization: Bearer <key>.",
            },
        });
    }

    private static bool IsGuarded(PathString path) => GuardedPaths.Any(guarded => path.StartsWithSegments(guarded));

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header)) return header.ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        return request.Path.StartsWithSegments(Hub) && request.Query.TryGetValue(QueryName, out var token) ? token.ToString() : null;
    }

    /// <summary>
    /// Compares digests rather than the keys, so the time taken depends on neither the length nor any prefix of the
    /// expected key.
    /// </summary>
    public static bool Matches(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
