using System.Net;
using System.Text.RegularExpressions;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Security;

/// <summary>One running app with a server key set (BM25 only, sample papers indexed), shared by the tests of a class.</summary>
public sealed partial class ProtectedApp : IAsyncLifetime
{
    public const string Key = "server-key-7c1e4a9b2d5f4e60a8b3";

    public RagAppHost App { get; } = new(localEmbeddings: false, settings: new Dictionary<string, string?> { ["Rag:ApiKey"] = Key });

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
