using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RagAssistant.Web.Limits;

/// <summary>
/// One allowance of questions per caller (<see cref="Callers.Caller.LimitKey"/>) shared by every surface that answers,
/// so that moving from the page to the hub or the API does not buy a fresh one — and, with Redis, by every node
/// (<see cref="ICallerWindows"/>).
/// </summary>
public sealed class QuestionLimiter : IDisposable
{
    /// <summary>The questions' windows, apart from the request limit's.</summary>
    public const string Scope = "questions";

    private readonly QuestionLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _limiter;

    public QuestionLimiter(IOptions<QuestionLimitOptions> options, ICallerWindows windows)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => _options.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : windows.For(Scope, key, _options.PermitLimit, _options.Window));
    }

    /// <summary>Counts one question for <paramref name="limitKey"/>: null when it may be asked, else why not and when to ask again.</summary>
    public async ValueTask<QuestionRefusal?> RefusalAsync(string limitKey, CancellationToken cancellationToken = default)
    {
        using var lease = await _limiter.AcquireAsync(limitKey, 1, cancellationToken);
        if (lease.IsAcquired) return null;
        var seconds = RetryAfter.Seconds(lease, _options.Window);
        return new QuestionRefusal(
            $"Too many questions: at most {_options.PermitLimit} per {_options.Window.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s " +
            $"from one user (QuestionLimits:PermitLimit, QuestionLimits:Window). Ask again in {seconds.ToString(CultureInfo.InvariantCulture)} s.",
            seconds);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>A question refused by the limit: the reason in words for the asker, and the seconds until one may be asked (HTTP's Retry-After).</summary>
public sealed record QuestionRefusal(string Message, int RetryAfterSeconds);
