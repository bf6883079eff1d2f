using System.Net;
using System.Net.WebSockets;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Security;

/// <summary>
/// The hub and the page's circuit refuse a browser on another site (cross-site WebSocket hijacking), on negotiate and
/// on the WebSocket itself, and still serve this site's pages and clients that send no Origin; and the app answers only
/// to the host names in <c>AllowedHosts</c>.
/// </summary>
public sealed class SameOriginTests(SampleApp sample) : IClassFixture<SampleApp>
{
    private const string OtherSite = "http://evil.example";

    [Theory]
    [InlineData("/hubs/chat/negotiate?negotiateVersion=1")]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    public async Task Negotiate_from_another_site_is_403_and_from_this_site_or_no_browser_is_served(string negotiate)
    {
        using var http = new HttpClient { BaseAddress = sample.App.BaseAddress };

        using var crossSite = await PostWithOrigin(http, negotiate, OtherSite);
        // Same host name, other port: another origin, as a browser sees it.
        using var otherPort = await PostWithOrigin(http, negotiate, $"http://{sample.App.BaseAddress.Host}:{sample.App.BaseAddress.Port + 1}");
        using var sameSite = await PostWithOrigin(http, negotiate, sample.App.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var noOrigin = await PostWithOrigin(http, negotiate, origin: null);

        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Contains("Cross-site connection refused", await crossSite.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, otherPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, noOrigin.StatusCode);
    }

    [Theory]
    [InlineData("/hubs/chat")]
    [InlineData("/_blazor")]
    public async Task A_websocket_from_another_site_is_refused_with_403_and_one_from_this_site_opens(string hub)
    {
        using var http = new HttpClient { BaseAddress = sample.App.BaseAddress };
        var thisSite = sample.App.BaseAddress.GetLeftPart(UriPartial.Authority);

        var (refused, refusedStatus) = await OpenWebSocketAsync(hub, await ConnectionTokenAsync(http, hub, thisSite), OtherSite);
        var (opened, openedStatus) = await OpenWebSocketAsync(hub, await ConnectionTokenAsync(http, hub, thisSite), thisSite);

        Assert.False(refused);
        Assert.Equal(HttpStatusCode.Forbidden, refusedStatus);
        Assert.True(opened, $"a same-site WebSocket should open, got {openedStatus}");
    }

    [Fact]
    public async Task A_request_naming_a_host_outside_AllowedHosts_is_refused_which_stops_dns_rebinding()
    {
        using var http = new HttpClient { BaseAddress = sample.App.BaseAddress };
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/");
        // What a browser sends after attacker.example was re-pointed at 127.0.0.1: the attacker's name, this app's port.
        rebound.Headers.Host = $"attacker.example:{sample.App.BaseAddress.Port}";
        using var loopback = new HttpRequestMessage(HttpMethod.Get, "/");
        loopback.Headers.Host = $"localhost:{sample.App.BaseAddress.Port}";

        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebound)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(loopback)).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostWithOrigin(HttpClient http, string path, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await http.SendAsync(request);
    }

    private static async Task<string> ConnectionTokenAsync(HttpClient http, string hub, string origin)
    {
        using var negotiated = await PostWithOrigin(http, $"{hub}/negotiate?negotiateVersion=1", origin);
        negotiated.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private async Task<(bool Opened, HttpStatusCode? Status)> OpenWebSocketAsync(string hub, string connectionToken, string origin)
    {
        var address = new UriBuilder(new Uri(sample.App.BaseAddress, hub)) { Scheme = "ws", Query = $"id={connectionToken}" }.Uri;
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(address, CancellationToken.None);
            return (socket.State == WebSocketState.Open, socket.HttpStatusCode);
        }
        catch (WebSocketException)
        {
            return (false, socket.HttpStatusCode);
        }
    }
}
