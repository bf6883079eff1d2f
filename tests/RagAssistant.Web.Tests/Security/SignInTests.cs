using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RagAssistant.Contracts;
using RagAssistant.Web.Chat;

namespace RagAssistant.Web.Tests.Security;

/// <summary>
/// A server started with <c>Rag:ApiKey</c>, tried through Kestrel as an outsider and as a signed-in person or machine:
/// every page and surface refuses the first and serves the others.
/// </summary>
public sealed class SignInTests(ProtectedApp server) : IClassFixture<ProtectedApp>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("/", "/signin?ReturnUrl=%2F")]
    [InlineData("/papers", "/signin?ReturnUrl=%2Fpapers")]
    [InlineData("/c/some-conversation", "/signin?ReturnUrl=%2Fc%2Fsome-conversation")]
    public async Task An_anonymous_visitor_to_a_page_is_sent_to_sign_in(string page, string signIn)
    {
        using var browser = server.Browser();
        using var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(signIn, response.Headers.Location!.PathAndQuery);
        using var form = await browser.GetAsync(signIn);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Server key", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401_from_rest_conversations_mcp_the_hub_and_the_page_circuit()
    {
        using var anonymous = server.Browser();
        using var search = await anonymous.GetAsync("/api/search?q=neural");
        using var conversation = await anonymous.DeleteAsync("/api/conversations/someone-elses");
        using var mcp = await anonymous.SendAsync(ToolsList());
        using var hub = await anonymous.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);
        using var circuit = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        foreach (var refused in new[] { search, conversation, mcp, hub, circuit })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        Assert.Contains("An API key is required", await search.Content.ReadAsStringAsync());
        var connection = HubWith(options => { });
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);

        // Probes and the published API description stay open.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_on_the_sign_in_page_is_refused_and_signs_nobody_in()
    {
        var cookies = new CookieContainer();
        using var browser = server.Browser(cookies);
        using var response = await ProtectedApp.SignInAsync(browser, "not-the-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That is not this server's key.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Signed_in_with_the_key_a_person_gets_the_pages_the_circuit_and_their_surfaces_then_signs_out()
    {
        var cookies = new CookieContainer();
        using var browser = server.Browser(cookies);

        using var signedIn = await ProtectedApp.SignInAsync(browser, ProtectedApp.Key, returnUrl: "/papers");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/papers", new Uri(server.App.BaseAddress, signedIn.Headers.Location!).PathAndQuery);

        using var chat = await browser.GetAsync("/");
        using var papers = await browser.GetAsync("/papers");
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, papers.StatusCode);
        var chatHtml = await chat.Content.ReadAsStringAsync();
        Assert.Contains("Key holder", chatHtml);
        Assert.Contains("Sign out", chatHtml);
        // The page's circuit (where questions and uploads travel) opens for the signed-in browser.
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        // The cookie is a way in to the machine surfaces too: the hub, and the conversations API.
        var conversationId = Guid.NewGuid().ToString("N");
        await using (var hub = HubWith(options => options.Cookies = cookies))
        {
            await hub.StartAsync();
            Assert.IsType<DoneEvent>((await AskAsync(hub, conversationId))[^1]);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/conversations/{conversationId}")).StatusCode);

        using var signOut = await browser.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProtectedApp.AntiforgeryToken(chatHtml),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/signin", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Theory]
    [InlineData("/c/ü?x=ä", "/c/%C3%BC?x=%C3%A4")]
    [InlineData("/c/日本", "/c/%E6%97%A5%E6%9C%AC")]
    [InlineData("/papers", "/papers")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example/x", "/")]
    [InlineData("https://evil.example/x", "/")]
    [InlineData("/\u0007/evil", "/")]
    public async Task After_sign_in_the_browser_goes_to_the_return_url_on_this_site_percent_encoded(string returnUrl, string expected)
    {
        using var browser = server.Browser();

        using var signedIn = await ProtectedApp.SignInAsync(browser, ProtectedApp.Key, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var target = new Uri(server.App.BaseAddress, signedIn.Headers.Location!);
        Assert.Equal(server.App.BaseAddress.Authority, target.Authority);
        Assert.Equal(expected, target.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/papers")).StatusCode);
    }

    [Fact]
    public async Task The_key_in_the_url_opens_the_chat_hub_only_not_the_page_circuit_nor_rest()
    {
        using var anonymous = server.Browser();
        var token = Uri.EscapeDataString(ProtectedApp.Key);

        using var hub = await anonymous.PostAsync($"/hubs/chat/negotiate?negotiateVersion=1&access_token={token}", null);
        using var circuit = await anonymous.PostAsync($"/_blazor/negotiate?negotiateVersion=1&access_token={token}", null);
        using var rest = await anonymous.GetAsync($"/api/search?q=neural&access_token={token}");

        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, circuit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_the_pages_antiforgery_token_is_refused()
    {
        var cookies = new CookieContainer();
        using var browser = server.Browser(cookies);
        await ProtectedApp.SignInAsync(browser, ProtectedApp.Key);

        using var forged = await browser.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_machine_with_the_key_is_served_by_rest_mcp_and_the_hub_as_header_or_bearer()
    {
        using var http = new HttpClient { BaseAddress = server.App.BaseAddress };
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=neural+networks"))
        {
            request.Headers.Add("X-Api-Key", ProtectedApp.Key);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question = "neural networks for atmospheric CO2 transport" }) })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ProtectedApp.Key);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        using (var request = ToolsList())
        {
            request.Headers.Add("X-Api-Key", ProtectedApp.Key);
            using var tools = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, tools.StatusCode);
            Assert.Contains("search_papers", await tools.Content.ReadAsStringAsync());
        }
        await using var hub = HubWith(options => options.AccessTokenProvider = () => Task.FromResult<string?>(ProtectedApp.Key));
        await hub.StartAsync();
        Assert.IsType<DoneEvent>((await AskAsync(hub, Guid.NewGuid().ToString("N")))[^1]);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=neural");
        wrong.Headers.Add("X-Api-Key", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
    }

    private HubConnection HubWith(Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure) =>
        new HubConnectionBuilder().WithUrl(new Uri(server.App.BaseAddress, ChatHub.Path), configure).Build();

    private static async Task<List<AnswerEvent>> AskAsync(HubConnection hub, string conversationId)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in hub.StreamAsync<AnswerEvent>("Ask", conversationId, "neural networks for atmospheric CO2 transport", null, guard.Token))
        {
            events.Add(answerEvent);
        }
        return events;
    }

    private static HttpRequestMessage ToolsList()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "tools/list" }) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }
}
