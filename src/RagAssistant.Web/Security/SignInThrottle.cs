using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RagAssistant.Web.Limits;

namespace RagAssistant.Web.Security;

/// <summary>
/// Keeps the server key from being guessed on the sign-in page: every attempt takes a permit from its client address's
/// window and then from the account's (<see cref="SignInLimitOptions"/>), before the key is looked at, so a refused
/// attempt learns nothing — not even when it holds the right key. The windows are counted where
/// <see cref="ICallerWindows"/> counts, so with Redis an address meets one limit over every node. Failures and
/// refusals are logged once per address and window, not once per attempt, so a flood cannot fill the log.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    /// <summary>The sign-in windows, apart from the request and question limits'.</summary>
    public const string Scope = "sign-in";

    private readonly SignInLimitOptions _limits;
    private readonly PartitionedRateLimiter<SignInAttempt> _perAddress;
    private readonly PartitionedRateLimiter<SignInAttempt> _perAccount;
    private readonly PartitionedRateLimiter<SignInAttempt> _chain;
    private readonly IMemoryCache _logged;
    private readonly ILogger<SignInThrottle> _logger;

    public SignInThrottle(IOptions<SignInLimitOptions> options, ICallerWindows windows, IMemoryCache logged, ILogger<SignInThrottle> logger)
    {
        _limits = options.Value;
        _logged = logged;
        _logger = logger;
        _perAddress = PartitionedRateLimiter.Create<SignInAttempt, string>(attempt => _limits.PerAddress <= 0
            ? RateLimitPartition.GetNoLimiter(attempt.Address)
            : windows.For(Scope, "address:" + attempt.Address, _limits.PerAddress, _limits.Window));
        _perAccount = PartitionedRateLimiter.Create<SignInAttempt, string>(attempt => _limits.PerAccount <= 0
            ? RateLimitPartition.GetNoLimiter(attempt.Account)
            : windows.For(Scope, "account:" + attempt.Account, _limits.PerAccount, _limits.Window));
        // In this order: an attempt the address is refused stops there and takes nothing from the account.
        _chain = PartitionedRateLimiter.CreateChained(_perAddress, _perAccount);
    }

    /// <summary>Counts one attempt: null when the key may be checked, else the seconds to wait (HTTP's Retry-After).</summary>
    public async ValueTask<int?> RefusalAsync(string address, string account, CancellationToken cancellationToken = default)
    {
        using var lease = await _chain.AcquireAsync(new SignInAttempt(address, account), 1, cancellationToken);
        if (lease.IsAcquired) return null;
        var seconds = RetryAfter.Seconds(lease, _limits.Window);
        if (FirstInWindow("refused:" + address))
        {
            _logger.LogWarning(
                "Sign-in attempts from {Address} are refused for {Seconds} s: over {PerAddress} from one address or {PerAccount} at one account per {Window} " +
                "(SignInLimits). Further refusals from this address in this window are not logged.",
                address, seconds, _limits.PerAddress, _limits.PerAccount, _limits.Window);
        }
        return seconds;
    }

    /// <summary>Notes a wrong key; the key itself is never logged (it may be a real key mistyped or pasted from elsewhere).</summary>
    public void Failed(string address)
    {
        if (!FirstInWindow("failed:" + address)) return;
        _logger.LogWarning(
            "A sign-in with a wrong server key from {Address}. Further wrong keys from this address in the next {Window} are counted (SignInLimits), not logged.",
            address, _limits.Window);
    }

    private bool FirstInWindow(string key)
    {
        key = $"{Scope}:{key}";
        if (_logged.TryGetValue(key, out _)) return false;
        _logged.Set(key, true, _limits.Window);
        return true;
    }

    public void Dispose()
    {
        _chain.Dispose();
        _perAddress.Dispose();
        _perAccount.Dispose();
    }

    private readonly record struct SignInAttempt(string Address, string Account);
}
