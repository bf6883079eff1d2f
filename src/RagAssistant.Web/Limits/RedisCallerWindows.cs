using System.Threading.RateLimiting;
using RagAssistant.Redis;
using RagAssistant.Redis.Limits;

namespace RagAssistant.Web.Limits;

/// <summary>
/// Windows in Redis that every node counts in (<see cref="RedisFixedWindowLimiter"/>); while Redis is unreachable the
/// limits are not enforced (fail open) and a warning is logged at most once a minute per scope.
/// </summary>
public sealed class RedisCallerWindows(RedisCounters counters, ILogger<RedisCallerWindows> logger) : ICallerWindows
{
    private readonly RedisOutage _requests = new(logger, "the request limit");
    private readonly RedisOutage _questions = new(logger, "the question limit");
    private readonly RedisOutage _signIns = new(logger, "the sign-in limit");

    public RateLimitPartition<string> For(string scope, string limitKey, int permitLimit, TimeSpan window) =>
        RateLimitPartition.Get(limitKey, key => new RedisFixedWindowLimiter(counters, $"{scope}:{key}", permitLimit, window, scope switch
        {
            QuestionLimiter.Scope => _questions,
            Security.SignInThrottle.Scope => _signIns,
            _ => _requests,
        }));
}
