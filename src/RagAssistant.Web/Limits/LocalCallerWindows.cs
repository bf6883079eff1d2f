using System.Threading.RateLimiting;

namespace RagAssistant.Web.Limits;

/// <summary>Windows in this process: .NET's own fixed-window limiter, one per caller, gone on restart.</summary>
public sealed class LocalCallerWindows : ICallerWindows
{
    public RateLimitPartition<string> For(string scope, string limitKey, int permitLimit, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(limitKey, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        });
}
