using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Security;

/// <summary>The ASP.NET Core rate limiter on the machine surfaces: over the limit is 429 with Retry-After; the page stays open.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Over_the_limit_api_mcp_and_the_hub_answer_429_with_retry_after_and_the_page_still_opens()
    {
        await using var app = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?>
        {
            ["RateLimits:PermitLimit"] = "5",
            ["RateLimits:Window"] = "00:01:00",
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        for (var i = 0; i < 5; i++)
        {
            using var allowed = await http.GetAsync("/api/index/status");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var api = await http.GetAsync("/api/search?q=neural");
        using var mcp = await http.PostAsJsonAsync("/mcp", new { jsonrpc = "2.0", id = 1, method = "tools/list" });
        using var hub = await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);

        foreach (var refused in new[] { api, mcp, hub })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var seconds = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, 60);
        }
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Contains("At most 5 requests per 60 s from one client", problem.GetProperty("detail").GetString());

        // People's surfaces are not limited: the chat page and /health still answer.
        using var page = await http.GetAsync("/");
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
