using System.Net;
using System.Text.Json;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// The nodes take a client's address from <c>X-Forwarded-For</c> only when nginx sends it: from the balancer's own
/// address (scale.sh's <c>proxy_bind</c>). A client reaching a node directly — here on 127.0.0.1 — stays who it is
/// whatever it writes there. What a node believes shows in <c>/health</c> (the whole report for a local caller, the
/// status alone for one from elsewhere) and in the per-address request windows.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ForwardedAddressTests(ScaleOutFixture scale)
{
    private const string MadeUp = "203.0.113.77";

    [Fact]
    public async Task A_client_reaching_a_node_directly_cannot_pose_as_another_address_and_the_balancer_can_forward_one()
    {
        var node = scale.Topology.Nodes[0];
        using var direct = new HttpClient();
        using var asBalancer = new HttpClient(LoopbackClient.From(scale.Topology.BalancerSource));

        // Directly, and through nginx (which appends the real address, the only entry the nodes read): still local.
        Assert.True(await SeesWholeReportAsync(direct, new Uri(node.Url, "/health")));
        Assert.True(await SeesWholeReportAsync(direct, new Uri(scale.Topology.Balancer, "/health")));
        // From the balancer's address, the forwarded client is who the node sees.
        Assert.False(await SeesWholeReportAsync(asBalancer, new Uri(node.Url, "/health")));
    }

    [Fact]
    public async Task Through_the_balancer_each_client_address_meets_a_window_of_its_own()
    {
        // Two clients on addresses of their own, both through nginx: it appends each one's address, and the nodes take
        // it because nginx connects from the balancer's address. The first uses up its window; the second still has one.
        using var first = new HttpClient(LoopbackClient.From(IPAddress.Parse("127.0.0.3")));
        using var second = new HttpClient(LoopbackClient.From(IPAddress.Parse("127.0.0.4")));
        var search = new Uri(scale.Topology.Balancer, "/api/search?q=bayesian+optimization");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= ScaleOutFixture.RateLimit; i++)
        {
            using var response = await first.GetAsync(search);
            answers.Add(response.StatusCode);
        }

        using var other = await second.GetAsync(search);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, ScaleOutFixture.RateLimit), HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    /// <summary>Asks as <see cref="MadeUp"/>; true when the node answered as to a local caller.</summary>
    private static async Task<bool> SeesWholeReportAsync(HttpClient http, Uri health)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, health);
        request.Headers.Add("X-Forwarded-For", MadeUp);
        using var response = await http.SendAsync(request);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(report.TryGetProperty("status", out _), report.ToString());
        return report.TryGetProperty("store", out _);
    }
}
