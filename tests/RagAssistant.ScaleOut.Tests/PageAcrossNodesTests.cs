using RagAssistant.EndToEnd.Tests;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// The chat page through nginx, in Debian's Chromium: a signed-in person's conversation is on the other node too when
/// the balancer sends them there (their node gone, or their affinity cookie lost), and goes on there.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PageAcrossNodesTests(ScaleOutFixture scale)
{
    [Fact]
    public async Task A_chat_begun_on_node_1_through_the_balancer_is_shown_and_continued_on_node_2_still_signed_in()
    {
        var topology = scale.Topology;
        var (node1, node2) = (topology.Node(1), topology.Node(2));
        const string first = "Which papers estimate scores in diffusion models?";
        const string followUp = "Which of those prove generalization bounds?";
        await using var context = await (await scale.BrowserAsync()).NewContextAsync();
        await context.KeyToAsync(scale, node1);
        var page = await context.NewPageAsync();
        await PageSteps.SignInAsync(page, topology.Balancer);

        Assert.Equal(node1, await topology.ServedByAsync(await page.GotoAsync(topology.Balancer.ToString())));
        await page.WaitUntilInteractiveAsync();
        var chat = new ChatPageDriver(page);
        await chat.AskAsync(first);
        await chat.WaitForAnswerAsync(1);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/c/", StringComparison.Ordinal));
        var conversation = new Uri(page.Url);

        await context.KeyToAsync(scale, node2);
        Assert.Equal(node2, await topology.ServedByAsync(await page.GotoAsync(conversation.ToString())));
        // Still signed in (node 2 reads node 1's cookie), so the address stays the conversation's, not /signin.
        Assert.Equal(conversation.AbsolutePath, new Uri(page.Url).AbsolutePath);
        await page.WaitUntilInteractiveAsync();
        Assert.Equal(first, await page.Locator("#exchange-0 .question-text").InnerTextAsync());
        await page.Locator("#exchange-0 article.answer[data-outcome=answered]").WaitForAsync();

        await chat.AskAsync(followUp);
        await chat.WaitForAnswerAsync(2);
        var condensing = scale.Model.Requests.Where(LanguageModelScript.IsCondensing).Last(request => LanguageModelScript.QuestionOf(request) == followUp);
        Assert.Contains(first, condensing.Messages[^1].Content);
    }
}
