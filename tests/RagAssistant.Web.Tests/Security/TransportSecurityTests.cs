using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Security;

/// <summary>
/// The app behind a reverse proxy, as ASP.NET Core's <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> switch puts it: forwarded
/// headers count only from the known proxies (loopback unless <c>ForwardedHeaders:KnownProxies</c> says otherwise),
/// HTTPS at the proxy makes the cookies Secure and brings HSTS, and <c>/health</c> tells a caller from elsewhere the
/// status only. Other client addresses are real connections from 127.0.0.2.
/// </summary>
public sealed class TransportSecurityTests
{
    private const string Host = "rag.example";
    private static readonly IPAddress Balancer = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Behind_a_tls_proxy_every_cookie_is_secure_and_hsts_is_sent_and_plain_http_stays_plain()
    {
        await using var app = await StartAsync(new() { ["environment"] = "Production", ["Rag:ApiKey"] = ProtectedApp.Key, ["AllowedHosts"] = $"{Host};127.0.0.1" });
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        using var form = await http.SendAsync(ViaTlsProxy(new HttpRequestMessage(HttpMethod.Get, "/signin")));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(form.Headers.GetValues("Strict-Transport-Security")));
        var cookies = SetCookies(form);
        Assert.Contains(cookies, cookie => cookie.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));

        var signIn = ViaTlsProxy(new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin-key",
                ["__RequestVerificationToken"] = ProtectedApp.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
                ["Input.Key"] = ProtectedApp.Key,
            }),
        });
        signIn.Headers.Add("Cookie", string.Join("; ", cookies.Select(cookie => cookie.Split(';')[0])));
        using var signedIn = await http.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(SetCookies(signedIn), cookie => cookie.StartsWith("rag_auth=", StringComparison.Ordinal) && cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        // Plain HTTP (a laptop, or a proxy that does not end TLS) keeps cookies a browser will send back over HTTP.
        using var plain = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/signin") { Headers = { Host = Host } });
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.All(SetCookies(plain), cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_client_reaching_the_app_directly_cannot_pose_as_another_address_while_the_known_proxy_can_forward_one()
    {
        await using var app = await StartAsync(new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = Balancer.ToString(),
            ["RateLimits:PermitLimit"] = "6",
            ["RateLimits:Window"] = "01:00:00",
        });
        using var balancer = new HttpClient(LoopbackClient.From(Balancer)) { BaseAddress = app.BaseAddress };
        using var direct = new HttpClient { BaseAddress = app.BaseAddress };

        // Through the balancer, each forwarded address is a caller of its own: its own conversations.
        using (var asked = await balancer.SendAsync(From("198.51.100.1", HttpMethod.Post, "/api/ask", new { question = "neural networks for atmospheric CO2 transport", conversation_id = "forwarded-owner" })))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }
        Assert.Contains("forwarded-owner", await ConversationIdsAsync(balancer, "198.51.100.1"));
        Assert.DoesNotContain("forwarded-owner", await ConversationIdsAsync(balancer, "198.51.100.2"));

        // Directly, a made-up X-Forwarded-For changes nothing: the owner and the window stay 127.0.0.1's.
        Assert.DoesNotContain("forwarded-owner", await ConversationIdsAsync(direct, "198.51.100.1"));
        var answers = new List<HttpStatusCode>();
        for (var i = 2; i <= 7; i++)
        {
            using var response = await direct.SendAsync(From($"203.0.113.{i}", HttpMethod.Get, "/api/index/status"));
            answers.Add(response.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Health_tells_an_anonymous_caller_from_elsewhere_the_status_only_and_a_local_or_signed_in_one_everything()
    {
        await using var app = await StartAsync(new() { ["Rag:ApiKey"] = ProtectedApp.Key });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        // From elsewhere, through a proxy on this machine.
        using var outsider = await http.SendAsync(From("203.0.113.9", HttpMethod.Get, "/health"));
        Assert.Equal(HttpStatusCode.OK, outsider.StatusCode);
        Assert.Equal("""{"status":"ready"}""", await outsider.Content.ReadAsStringAsync());

        var signedIn = From("203.0.113.9", HttpMethod.Get, "/health");
        signedIn.Headers.Add("X-Api-Key", ProtectedApp.Key);
        foreach (var detailed in new[] { await http.SendAsync(signedIn), await http.GetAsync("/health") })
        {
            var report = await detailed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("ready", report.GetProperty("status").GetString());
            Assert.Equal("embedded", report.GetProperty("store").GetString());
            Assert.True(report.TryGetProperty("embedding_model", out _));
        }
    }

    [Fact]
    public async Task A_known_proxy_that_is_not_an_address_stops_the_start_naming_the_key()
    {
        await using var app = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "balancer.internal",
        });

        var failure = Assert.ThrowsAny<Exception>(app.Start);

        Assert.Contains("ForwardedHeaders:KnownProxies:0 must be an IP address", failure.ToString());
    }

    /// <summary>The app with ASP.NET Core's forwarded-headers switch on, as scripts/scale.sh and docker-compose start the nodes.</summary>
    private static async Task<RagAppHost> StartAsync(Dictionary<string, string?> settings)
    {
        settings["FORWARDEDHEADERS_ENABLED"] = "true";
        var app = new RagAppHost(localEmbeddings: false, settings: settings);
        await app.StartAsync();
        return app;
    }

    /// <summary>As a proxy that ends TLS forwards a browser's request: https, the public host name, the client's address.</summary>
    private static HttpRequestMessage ViaTlsProxy(HttpRequestMessage request)
    {
        request.Headers.Host = Host;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.50");
        return request;
    }

    private static HttpRequestMessage From(string forwardedFor, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static async Task<List<string>> ConversationIdsAsync(HttpClient http, string forwardedFor)
    {
        using var response = await http.SendAsync(From(forwardedFor, HttpMethod.Get, "/api/conversations"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. list.GetProperty("conversations").EnumerateArray().Select(item => item.GetProperty("conversation_id").GetString()!)];
    }

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];
}
