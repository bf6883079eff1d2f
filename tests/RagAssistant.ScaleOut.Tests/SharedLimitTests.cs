using System.Net;
using System.Text.Json;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>The limits hold for the whole deployment, not per node: requests split across the nodes count in one window.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SharedLimitTests(ScaleOutFixture scale)
{
    [Fact]
    public async Task Requests_split_across_both_nodes_reach_the_limit_together_and_the_next_one_is_refused_naming_it()
    {
        // A client of its own, as one at another address behind the balancer, so that no other test's requests count in
        // its window: sent to each node from the balancer's address, the one the nodes take X-Forwarded-For from. It
        // sends no key: a flood without one is limited too, per address.
        var client = $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
        var nodes = scale.Topology.Nodes;
        using var http = new HttpClient(LoopbackClient.From(scale.Topology.BalancerSource));
        var answers = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i <= ScaleOutFixture.RateLimit; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(nodes[i % nodes.Count].Url, "/api/search?q=bayesian+optimization"));
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await http.SendAsync(request);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        // Each node saw only half the limit; together they saw all of it.
        Assert.All(answers.Take(ScaleOutFixture.RateLimit), answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.Status));
        var refused = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        var detail = JsonDocument.Parse(refused.Body).RootElement.GetProperty("detail").GetString();
        Assert.Contains($"At most {ScaleOutFixture.RateLimit} requests per 60 s from one client", detail);
    }
}
