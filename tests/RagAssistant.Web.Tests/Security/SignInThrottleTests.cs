using System.Net;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Security;

/// <summary>
/// Guessing the server key on <c>/signin</c>, from one address and spread over several: the attempts beyond the limits
/// are answered 429 with Retry-After before the key is looked at, while a person elsewhere still signs in; and the log
/// gets a line per address and window, not one per guess. Other addresses are real: connections from 127.0.0.2, …
/// </summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private const int PerAddress = 10;
    private const int PerAccount = 15;

    private readonly CapturedLogs _logs = new();
    private readonly RagAppHost _app;

    public SignInThrottleTests() =>
        _app = new RagAppHost(localEmbeddings: false, services: _logs.AddTo, settings: new Dictionary<string, string?>
        {
            ["Rag:ApiKey"] = ProtectedApp.Key,
            ["SignInLimits:PerAddress"] = PerAddress.ToString(),
            ["SignInLimits:PerAccount"] = PerAccount.ToString(),
            // Long, so no window renews while the test runs however slow the machine.
            ["SignInLimits:Window"] = "01:00:00",
        });

    public Task InitializeAsync() => _app.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_hundred_wrong_keys_from_one_address_are_throttled_while_the_key_from_another_address_signs_in()
    {
        using var attacker = Browser(IPAddress.Loopback);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            using var guess = await ProtectedApp.SignInAsync(attacker, $"guess-{i:D3}-0123456789abcdef0123456789abcdef");
            answers.Add(guess.StatusCode);
            if (guess.StatusCode != HttpStatusCode.TooManyRequests) continue;
            Assert.InRange(guess.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
            Assert.Contains("Too many sign-in attempts. Try again in", await guess.Content.ReadAsStringAsync());
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, PerAddress).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 100 - PerAddress)), answers);
        // Refused before the key is looked at: the right key from the throttled address does not sign in either.
        using (var right = await ProtectedApp.SignInAsync(attacker, ProtectedApp.Key))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/")).StatusCode);

        using var person = Browser(IPAddress.Parse("127.0.0.2"));
        using var signedIn = await ProtectedApp.SignInAsync(person, ProtectedApp.Key, returnUrl: "/papers");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/papers")).StatusCode);

        // One line for the wrong keys and one for the refusals, however many there were.
        Assert.Single(_logs.Records, record => record.Contains("A sign-in with a wrong server key from 127.0.0.1.", StringComparison.Ordinal));
        Assert.Single(_logs.Records, record => record.Contains("Sign-in attempts from 127.0.0.1 are refused", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Records, record => record.Contains("guess-0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guesses_spread_over_addresses_each_under_its_limit_meet_the_account_limit()
    {
        // Three addresses, five wrong keys each: none reaches its own limit, together they use up the account's.
        for (var host = 3; host <= 5; host++)
        {
            using var guesser = Browser(IPAddress.Parse($"127.0.0.{host}"));
            for (var i = 0; i < PerAccount / 3; i++)
            {
                using var guess = await ProtectedApp.SignInAsync(guesser, $"spread-{host}-{i}-0123456789abcdef0123456789abcdef");
                Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
            }
        }

        using var next = Browser(IPAddress.Parse("127.0.0.6"));
        using var refused = await ProtectedApp.SignInAsync(next, ProtectedApp.Key);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    /// <summary>A browser at <paramref name="address"/>: keeps cookies, does not follow redirects.</summary>
    private HttpClient Browser(IPAddress address)
    {
        var handler = LoopbackClient.From(address, allowAutoRedirect: false);
        handler.CookieContainer = new CookieContainer();
        return new HttpClient(handler) { BaseAddress = _app.BaseAddress };
    }
}
