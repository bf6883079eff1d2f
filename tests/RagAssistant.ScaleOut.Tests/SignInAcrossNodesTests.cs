namespace RagAssistant.ScaleOut.Tests;

/// <summary>Signing in is for every node: the cookie one node issues, another node accepts (one key ring, kept in Redis).</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SignInAcrossNodesTests(ScaleOutFixture scale)
{
    [Fact]
    public async Task A_person_signed_in_on_node_1_is_signed_in_on_node_2()
    {
        var (node1, node2) = (scale.Topology.Node(1), scale.Topology.Node(2));
        await using var context = await (await scale.BrowserAsync()).NewContextAsync();
        var page = await context.NewPageAsync();
        await PageSteps.SignInAsync(page, node1.Url);

        // Both nodes are on 127.0.0.1, so the browser sends node 1's cookie to node 2 as it would to one site behind a balancer.
        await page.GotoAsync(new Uri(node2.Url, "/papers").ToString());

        Assert.Equal("/papers", new Uri(page.Url).AbsolutePath);
        Assert.Contains("Key holder", await page.Locator(".signed-in-as").InnerTextAsync());
        await page.WaitUntilInteractiveAsync(".papers-page");
    }
}
