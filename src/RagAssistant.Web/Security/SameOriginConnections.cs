using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace RagAssistant.Web.Security;

/// <summary>
/// Refuses, with 403, a SignalR connection (the chat hub and the page's Blazor circuit, negotiate and WebSocket alike)
/// that a browser opens from another site. WebSockets are not covered by CORS, so without this check any page a
/// signed-in person visits could open the hub with their cookie (cross-site WebSocket hijacking). Clients that send no
/// Origin — the .NET client, agents, curl — are not browsers on another site and pass.
/// </summary>
public static class SameOriginConnections
{
    public static WebApplicationBuilder AddSameOriginConnections(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SameOriginOptions>().BindConfiguration(SameOriginOptions.Section);
        return builder;
    }

    /// <summary>Runs after routing, so it knows which requests are for a hub.</summary>
    public static IApplicationBuilder UseSameOriginConnections(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length == 0 || context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>() is null || IsAllowed(origin, context))
            {
                await next(context);
                return;
            }
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SameOriginConnections))
                .LogWarning("Refused a connection to {Path} from the origin {Origin}, which is not this site's", context.Request.Path, origin);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Cross-site connection refused",
                    Detail = "Connections to this server's hubs are accepted only from its own pages (or an origin listed in Rag:AllowedOrigins).",
                },
            });
        });

    /// <summary>
    /// Same host and port as the request (the scheme may differ behind a proxy that ends TLS), or listed in
    /// <see cref="SameOriginOptions.AllowedOrigins"/>. The Host header itself is checked by <c>AllowedHosts</c>.
    /// </summary>
    public static bool IsAllowed(string origin, HttpContext context)
    {
        var listed = context.RequestServices.GetRequiredService<IOptionsMonitor<SameOriginOptions>>().CurrentValue.AllowedOrigins;
        if (listed.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase))) return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        var host = context.Request.Host;
        return string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase) && (host.Port ?? uri.Port) == uri.Port;
    }
}
