using System.Security.Cryptography;

namespace RagAssistant.Web.Security;

/// <summary>
/// Headers that make the browser refuse what the app never does: run scripts it did not send (a strict
/// Content-Security-Policy), be framed by another site, sniff content types, or leak the page address to links.
/// A second line of defence behind rendering abstracts and answers as text.
/// </summary>
public static class SecurityHeadersExtensions
{
    private const string NonceItem = "rag.csp-nonce";

    /// <summary>
    /// The per-request nonce the page's one inline script (Blazor's import map) carries; null outside a request
    /// that went through <see cref="UseSecurityHeaders"/>.
    /// </summary>
    public static string? CspNonce(this HttpContext? context) => context?.Items[NonceItem] as string;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItem] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // 'self' covers the circuit's same-origin WebSocket; inline styles stay allowed for Blazor's style attributes.
                headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
