using System.Text;
using Microsoft.Playwright;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// Papers added on one node are in the one shared index: an upload through node 1's Papers page is found on node 2, and
/// node 2's Papers page shows the job.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class UploadAcrossNodesTests(ScaleOutFixture scale)
{
    [Fact]
    public async Task A_paper_uploaded_on_node_1_is_searchable_on_node_2()
    {
        var (node1, node2) = (scale.Topology.Node(1), scale.Topology.Node(2));
        var title = $"Lighthouse Keepers Coordinate Fog Signals Across Rocky Coasts {Guid.NewGuid():N}";
        var paper = $$"""{"title":"{{title}}","abstract":"Lighthouse keepers on rocky coasts coordinate fog signals so that ships can tell one light from another in dense fog."}""";
        await using var context = await (await scale.BrowserAsync()).NewContextAsync();
        var page = await context.NewPageAsync();
        await PageSteps.SignInAsync(page, node1.Url);

        await page.GotoAsync(new Uri(node1.Url, "/papers").ToString());
        await page.WaitUntilInteractiveAsync(".papers-page");
        await page.Locator("input.upload-input").SetInputFilesAsync(new FilePayload
        {
            Name = "lighthouse.jsonl",
            MimeType = "application/x-ndjson",
            Buffer = Encoding.UTF8.GetBytes(paper + "\n"),
        });
        var job = page.Locator(".upload-job", new() { HasText = "lighthouse.jsonl" });
        await job.Locator(".upload-state", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^(done|failed)") })
            .WaitForAsync(new() { Timeout = 120_000 });
        Assert.StartsWith("done", await job.Locator(".upload-state").InnerTextAsync());

        using var rest = scale.Rest(node2.Url);
        var found = await rest.SearchAsync("lighthouse keepers fog signals rocky coasts", top: 5);
        Assert.Contains(found.Results, result => result.Title == title);

        // The job is the uploader's on every node: node 2's Papers page lists it, done.
        await page.GotoAsync(new Uri(node2.Url, "/papers").ToString());
        await page.WaitUntilInteractiveAsync(".papers-page");
        var onNode2 = page.Locator(".upload-job", new() { HasText = "lighthouse.jsonl" });
        await onNode2.WaitForAsync();
        Assert.StartsWith("done", await onNode2.Locator(".upload-state").InnerTextAsync());
    }
}
