using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Limits;

namespace RagAssistant.Web.Security;

/// <summary>
/// Limits each user (or client address when nobody signed in) to <see cref="MachineSurfaceRateLimitOptions.PermitLimit"/> requests per window on the endpoints
/// that carry <see cref="Policy"/> (/api, /mcp, /hubs/chat), so one busy agent or a flood cannot take the two cores from
/// everyone else. The endpoints share one window per client, counted where <see cref="ICallerWindows"/> counts (with
/// Redis, one window over every node). Over the limit: 429 with <c>Retry-After</c> and a problem document that says the limit.
/// </summary>
public static class RateLimitingExtensions
{
    /// <summary>The named rate-limit policy the machine surfaces require.</summary>
    public const string Policy = "machine-surface";

    /// <summary>The request windows, apart from the question limit's.</summary>
    private const string Scope = "requests";

    public static WebApplicationBuilder AddMachineSurfaceRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MachineSurfaceRateLimitOptions>()
            .BindConfiguration(MachineSurfaceRateLimitOptions.Section)
            .Validate(o => o.PermitLimit >= 0, "RateLimits:PermitLimit must be 0 (off) or more.")
            .Validate(o => o.Window > TimeSpan.Zero, "RateLimits:Window must be a positive time span such as 00:01:00.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                var limits = Limits(context);
                return limits.PermitLimit <= 0
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : context.RequestServices.GetRequiredService<ICallerWindows>().For(Scope, Caller.Of(context).LimitKey, limits.PermitLimit, limits.Window);
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => RejectAsync(rejected);
        });
        return builder;
    }

    private static MachineSurfaceRateLimitOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<MachineSurfaceRateLimitOptions>>().Value;

    private static async ValueTask RejectAsync(OnRejectedContext rejected)
    {
        var context = rejected.HttpContext;
        var limits = Limits(context);
        var seconds = RetryAfter.Seconds(rejected.Lease, limits.Window);
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
