using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RagAssistant.Web.Chat;

namespace RagAssistant.Web.Security;

/// <summary>
/// Limits each client to <see cref="MachineSurfaceRateLimitOptions.PermitLimit"/> requests per window on the machine
/// surfaces, so one busy agent or a flood cannot take the two cores from everyone else. Over the limit: 429 with
/// <c>Retry-After</c> and a problem document that says the limit.
/// </summary>
public static class RateLimitingExtensions
{
    private static readonly PathString[] LimitedPaths = ["/api", "/mcp", ChatHub.Path];

    public static WebApplicationBuilder AddMachineSurfaceRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(MachineSurfaceRateLimitOptions.Section).Get<MachineSurfaceRateLimitOptions>()
            ?? new MachineSurfaceRateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                limits.PermitLimit <= 0 || !LimitedPaths.Any(path => context.Request.Path.StartsWithSegments(path))
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    // Per client address: behind a reverse proxy, enable forwarded headers so each client keeps its own window.
                    : RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = limits.Window,
                        QueueLimit = 0,
                    }));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => RejectAsync(rejected, limits);
        });
        return builder;
    }

    /// <summary>Before the API key guard, so unauthenticated floods are limited too.</summary>
    public static IApplicationBuilder UseMachineSurfaceRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    private static string ClientKey(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private static async ValueTask RejectAsync(OnRejectedContext rejected, MachineSurfaceRateLimitOptions limits)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"At most {limits.PermitLimit} requests per {limits.Window.TotalSeconds:0.#} s from one client to /api, /mcp and /hubs/chat " +
                         $"(RateLimits:PermitLimit, RateLimits:Window). Retry after {seconds} s.",
            },
        });
    }
}
