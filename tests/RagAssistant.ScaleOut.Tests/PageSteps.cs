using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RagAssistant.ScaleOut.Tests.Topology;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>What a person does in the browser around the chat itself: sign in, and (for the test) pick the node nginx sends them to.</summary>
internal static class PageSteps
{
    /// <summary>Signs in on <paramref name="server"/>'s sign-in page with the server key and waits for the chat page.</summary>
    public static async Task SignInAsync(IPage page, Uri server)
    {
        await page.GotoAsync(new Uri(server, "/signin").ToString());
        await page.Locator("#server-key").FillAsync(ScaleOutFixture.ApiKey);
        await page.Locator("button[type=submit]").ClickAsync();
        // Polls the address until the redirect has landed on the chat page. WaitForURL waits for a load state as well,
        // which under load it missed when the redirect had already landed; the callers wait for the page they need next.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"^https?://[^/]+/$"), new() { Timeout = 30_000 });
    }

    /// <summary>Sets the browser's <c>rag_node</c> cookie so that nginx sends it to <paramref name="node"/> from now on.</summary>
    public static Task KeyToAsync(this IBrowserContext context, ScaleOutFixture scale, AppNode node) =>
        context.AddCookiesAsync([new Cookie { Name = NodeAffinity.Cookie, Value = scale.AffinityKeyOf(node), Url = scale.Topology.Balancer.ToString() }]);

    /// <summary>The node nginx says answered a response (its <c>X-Rag-Node</c> header).</summary>
    public static async Task<AppNode> ServedByAsync(this ScaleScript topology, IResponse? response)
    {
        Assert.NotNull(response);
        return topology.NodeAt(await response.HeaderValueAsync("x-rag-node") ?? "(no X-Rag-Node header)");
    }

    /// <summary>Waits until the page's circuit is live: a prerendered page ignores input until then.</summary>
    public static Task WaitUntilInteractiveAsync(this IPage page, string root = ".chat") =>
        page.Locator($"{root}[data-interactive=true]").WaitForAsync();
}
