using System.Threading.RateLimiting;

namespace RagAssistant.Web.Limits;

/// <summary>
/// Where the per-caller fixed windows of the request, question and sign-in limits are counted: in this process
/// (<see cref="LocalCallerWindows"/>, one node) or in Redis (<see cref="RedisCallerWindows"/>), so that requests split
/// over several nodes meet one limit. Same policy either way: at most N per window, no queue, Retry-After on refusal.
/// </summary>
public interface ICallerWindows
{
    /// <summary>The window of <paramref name="limitKey"/> in <paramref name="scope"/> (<c>requests</c>, <c>questions</c>, <c>sign-in</c>): scopes count apart.</summary>
    RateLimitPartition<string> For(string scope, string limitKey, int permitLimit, TimeSpan window);
}
