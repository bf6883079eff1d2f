using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.EndToEnd.Tests;

/// <summary>
/// A server started with a key, used by Debian's Chromium as a person would: sent to sign in, refused with a wrong key,
/// let in with the right one (the page's circuit then works, its WebSocket carrying this site's Origin), and sent back
/// to sign in after signing out.
/// </summary>
public sealed class SignInInBrowserTests : IAsyncLifetime
{
    private const string Key = "cce85e77c37da905cde2e2abb60278fe2598abe7492878e862d373230b69b637";

    private readonly RagAppHost _app = new(localEmbeddings: false, settings: new Dictionary<string, string?> { ["Rag:ApiKey"] = Key });
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        await _app.StartAsync();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    [Fact]
    public async Task A_visitor_signs_in_with_the_key_asks_a_question_opens_papers_and_signs_out()
    {
        await using var context = await _browser!.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(_app.BaseAddress, "/papers").ToString());
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);

        await page.Locator("#server-key").FillAsync("not-the-key");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[role=alert]").WaitForAsync();
        Assert.Contains("That is not this server's key.", await page.Locator("[role=alert]").InnerTextAsync());

        await page.Locator("#server-key").FillAsync(Key);
        await page.Locator("button[type=submit]").ClickAsync();
        await WaitForPathAsync(page, "/papers");
        Assert.Contains("Key holder", await page.Locator(".signed-in-as").InnerTextAsync());

        var chat = new ChatPageDriver(page);
        await chat.OpenAsync(_app.BaseAddress);
        await chat.AskAsync("neural networks for atmospheric CO2 transport");
        await chat.WaitForAnswerAsync(1);
        Assert.True(await chat.LastAnswer.Locator(".cite-chip").CountAsync() > 0, "the signed-in visitor's answer should cite papers");

        await page.Locator(".signout button").ClickAsync();
        await WaitForPathAsync(page, "/signin");
        await page.GotoAsync(_app.BaseAddress.ToString());
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// Polls the address until a redirect has landed on <paramref name="path"/> (any query after it). WaitForURL waits
    /// for a load state as well, which under load it missed when the redirect had already landed; the next steps wait
    /// for what they read.
    /// </summary>
    private static Task WaitForPathAsync(IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex($@"^https?://[^/]+{Regex.Escape(path)}(?:[?#].*)?$"), new() { Timeout = 30_000 });
}
