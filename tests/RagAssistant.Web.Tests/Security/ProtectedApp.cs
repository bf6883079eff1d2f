using System.Net;
using System.Text.RegularExpressions;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Security;

/// <summary>
/// One running app with a server key set (BM25 only, sample papers indexed), shared by the tests of a class. Its
/// sign-in limit is far above what the tests use, since they all sign in from 127.0.0.1; SignInThrottleTests has its own.
/// </summary>
public sealed partial class ProtectedApp : IAsyncLifetime
{
    /// <summary>As strong as a shipped server needs (<c>openssl rand -hex 32</c>).</summary>
    public const string Key = "7c1e4a9b2d5f4e60a8b33f0d6c2e91a47b5d8e0f13a6c9b2e4d7f0a3c6b9e2d5";

    public RagAppHost App { get; } = new(localEmbeddings: false, settings: new Dictionary<string, string?>
    {
        ["Rag:ApiKey"] = Key,
        ["SignInLimits:PerAddress"] = "1000",
        ["SignInLimits:PerAccount"] = "1000",
    });

    public Task InitializeAsync() => App.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects, so a test sees where it is sent.</summary>
    public HttpClient Browser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

    /// <summary>Fills in and sends the sign-in form as a person would, antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string key, string returnUrl = "/")
    {
        var page = $"/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await browser.GetStringAsync(page);
        return await browser.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin-key",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.Key"] = key,
        }));
    }

    public static string AntiforgeryToken(string html) =>
        WebUtility.HtmlDecode(AntiforgeryField().Match(html) is { Success: true } match
            ? match.Groups["token"].Value
            : throw new InvalidOperationException("The page has no antiforgery token."));

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="(?<token>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
