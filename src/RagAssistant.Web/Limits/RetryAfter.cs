using System.Threading.RateLimiting;

namespace RagAssistant.Web.Limits;

/// <summary>How long a refused caller should wait, the same for every limit: the window's own answer, else the whole window.</summary>
public static class RetryAfter
{
    /// <summary>Whole seconds (HTTP's <c>Retry-After</c>), at least 1.</summary>
    public static int Seconds(RateLimitLease refused, TimeSpan window)
    {
        var wait = refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
    }
}
