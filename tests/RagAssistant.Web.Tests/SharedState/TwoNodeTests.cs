using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Web.Tests.Security;

namespace RagAssistant.Web.Tests.SharedState;

/// <summary>
/// What a user notices when a load balancer moves them between two nodes: they stay signed in, their conversation
/// carries on, and when the shared Redis goes away /health says so and the app comes back with it, without a restart.
/// </summary>
public sealed class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan RecoveryGuard = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Signed_in_on_node_A_a_person_is_signed_in_on_node_B_and_the_page_tokens_of_A_are_accepted_by_B()
    {
        var cookiesOfA = new CookieContainer();
        using var browserA = TwoNodes.Browser(nodes.A, cookiesOfA);
        using var signedIn = await ProtectedApp.SignInAsync(browserA, TwoNodes.Key);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var pageOfA = await browserA.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, pageOfA.StatusCode);
        var tokenOfA = ProtectedApp.AntiforgeryToken(await pageOfA.Content.ReadAsStringAsync());

        // The balancer sends the next requests to node B, with the cookies node A issued.
        var cookiesForB = new CookieContainer();
        foreach (Cookie cookie in cookiesOfA.GetCookies(nodes.A.BaseAddress)) cookiesForB.Add(nodes.B.BaseAddress, new Cookie(cookie.Name, cookie.Value));
        using var browserB = TwoNodes.Browser(nodes.B, cookiesForB);

        using var pageOfB = await browserB.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, pageOfB.StatusCode);
        Assert.Contains("Sign out", await pageOfB.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browserB.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        // Signing out on B with the form node A rendered: its antiforgery token is good on B too.
        using var signOut = await browserB.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = tokenOfA }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/signin", signOut.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_conversation_asked_through_node_A_continues_through_node_B_with_its_history()
    {
        using var a = TwoNodes.Machine(nodes.A);
        using var b = TwoNodes.Machine(nodes.B);
        var id = Guid.NewGuid().ToString("N");

        using var first = await a.PostAsJsonAsync("/api/ask", new { question = "Which papers emulate atmospheric CO2 transport with neural networks?", conversation_id = id });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var followUp = await b.PostAsJsonAsync("/api/ask", new { question = "Do any of them conserve mass?", conversation_id = id });
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);

        // Node B condensed the follow-up against the question node A answered.
        var query = (await followUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("query").GetString();
        Assert.Contains("CO2", query);
        using var kept = await b.GetAsync($"/api/conversations/{id}");
        var turns = (await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(["Which papers emulate atmospheric CO2 transport with neural networks?", "Do any of them conserve mass?"],
            turns.Select(turn => turn.GetProperty("question").GetString()));
        Assert.All(turns, turn => Assert.Equal("answered", turn.GetProperty("outcome").GetString()));
        var listed = (await (await a.GetAsync("/api/conversations")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversations").EnumerateArray();
        Assert.Equal(2, listed.Single(c => c.GetProperty("conversation_id").GetString() == id).GetProperty("questions").GetInt32());
    }

    [Fact]
    public async Task When_Redis_stops_health_says_so_conversations_answer_503_and_both_recover_without_a_restart()
    {
        using var a = TwoNodes.Machine(nodes.A);
        using var b = TwoNodes.Machine(nodes.B);
        var redis = await HealthAsync(a);
        Assert.Equal("ready", redis.Status);
        Assert.Equal("reachable", redis.State);
        Assert.Equal(nodes.Redis.ConnectionString, redis.Url);

        await nodes.Redis.StopAsync();
        try
        {
            var down = await HealthUntilAsync(a, health => health.State == "unreachable");
            Assert.Equal("degraded", down.Status);
            Assert.Equal(nodes.Redis.ConnectionString, down.Url);
            Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/health")).StatusCode); // degraded still answers, so the node stays in the balancer

            using var ask = await a.PostAsJsonAsync("/api/ask", new { question = "Which papers emulate CO2 transport?", conversation_id = "during-outage" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ask.StatusCode);
            Assert.Contains($"Redis at {nodes.Redis.ConnectionString}", await ask.Content.ReadAsStringAsync());
            using var list = await b.GetAsync("/api/conversations");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
            Assert.Contains("Conversations are unavailable", await list.Content.ReadAsStringAsync());
            // A question on its own needs no Redis.
            Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync("/api/ask", new { question = "Which papers emulate CO2 transport?" })).StatusCode);
        }
        finally
        {
            await nodes.Redis.StartAgainAsync();
        }

        Assert.Equal("ready", (await HealthUntilAsync(a, health => health.State == "reachable")).Status);
        Assert.Equal("ready", (await HealthUntilAsync(b, health => health.State == "reachable")).Status);
        var id = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync("/api/ask", new { question = "Which papers emulate CO2 transport?", conversation_id = id })).StatusCode);
        using var kept = await b.GetAsync($"/api/conversations/{id}");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    private sealed record RedisHealth(string Status, string State, string? Url);

    private static async Task<RedisHealth> HealthAsync(HttpClient node)
    {
        // Read whatever the status code: 503 (cannot answer) carries the same report.
        using var response = await node.GetAsync("/health");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        var redis = health.GetProperty("redis");
        return new RedisHealth(health.GetProperty("status").GetString()!, redis.GetProperty("state").GetString()!, redis.GetProperty("url").GetString());
    }

    /// <summary>Polls /health until <paramref name="until"/> holds; the guard only stops a hung run.</summary>
    private static async Task<RedisHealth> HealthUntilAsync(HttpClient node, Func<RedisHealth, bool> until)
    {
        using var guard = new CancellationTokenSource(RecoveryGuard);
        while (true)
        {
            var health = await HealthAsync(node);
            if (until(health)) return health;
            await Task.Delay(200, guard.Token);
        }
    }
}
