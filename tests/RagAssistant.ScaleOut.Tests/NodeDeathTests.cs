using Microsoft.AspNetCore.SignalR.Client;
using RagAssistant.Client.Chat;
using RagAssistant.Contracts;
using RagAssistant.EndToEnd.Tests;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// A node dies (SIGKILL) while it is answering. Its clients come back through nginx to the other node and find their
/// conversation there, the answer that was in flight marked as interrupted. The node is started again afterwards.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class NodeDeathTests(ScaleOutFixture scale)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>What the page says in place of an answer whose server stopped while writing it.</summary>
    private const string InterruptedNotice = "This answer was interrupted: the server answering it stopped. Ask again.";

    [Fact]
    public async Task A_hub_client_whose_node_dies_mid_answer_reconnects_to_the_other_node_and_its_conversation_is_intact()
    {
        var topology = scale.Topology;
        var (doomed, survivor) = (topology.Node(1), topology.Node(2));
        var id = RagAssistantChatClient.NewConversationId();
        const string first = "Which papers study Bayesian neural networks?";
        var stalled = $"Which of those use them as surrogates? {LanguageModelScript.Stall} {id}";
        const string afterwards = "Which of those are about learning curves?";
        await using var client = scale.Hub(topology.Balancer, keyedTo: doomed);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Connection.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        try
        {
            Assert.IsType<DoneEvent>((await client.AskAsync(id, first).ToListAsync()).Last());
            var inFlight = client.AskAsync(id, stalled).ToListAsync().AsTask();
            await AnsweringAsync(stalled);

            await topology.KillAsync(doomed.Name);

            await Assert.ThrowsAnyAsync<Exception>(() => inFlight);
            await reconnected.Task.WaitAsync(Patience);
            Assert.Equal(HubConnectionState.Connected, client.Connection.State);
            Assert.IsType<DoneEvent>((await client.AskAsync(id, afterwards).ToListAsync()).Last());

            using var rest = scale.Rest(survivor.Url);
            var kept = await rest.GetConversationAsync(id);
            Assert.NotNull(kept);
            Assert.Equal([first, stalled, afterwards], kept.Turns.Select(turn => turn.Question));
            // Nothing of the lost answer is passed off as an answer: the turn says what happened, and the next one was answered.
            Assert.Equal(["answered", "interrupted", "answered"], kept.Turns.Select(turn => turn.Outcome));
            Assert.Equal("", kept.Turns[1].Answer);
        }
        finally
        {
            await topology.StartNodeAgainAsync(doomed);
        }
    }

    [Fact]
    public async Task A_page_whose_node_dies_mid_answer_reloads_on_the_other_node_with_the_conversation_and_the_answer_marked_interrupted()
    {
        var topology = scale.Topology;
        var (doomed, survivor) = (topology.Node(1), topology.Node(2));
        const string first = "Which papers learn hierarchical polynomials with neural networks?";
        var stalled = $"Which of those have three layers? {LanguageModelScript.Stall} {Guid.NewGuid():N}";
        const string afterwards = "Which of those are about wide networks?";
        await using var context = await (await scale.BrowserAsync()).NewContextAsync();
        await context.KeyToAsync(scale, doomed);
        var page = await context.NewPageAsync();
        await PageSteps.SignInAsync(page, topology.Balancer);
        var chat = new ChatPageDriver(page);
        try
        {
            await page.WaitUntilInteractiveAsync();
            await chat.AskAsync(first);
            await chat.WaitForAnswerAsync(1);
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/c/", StringComparison.Ordinal));
            var conversation = new Uri(page.Url);
            await chat.AskAsync(stalled);
            await AnsweringAsync(stalled);
            var reloaded = page.WaitForResponseAsync(response => response.Request.IsNavigationRequest && response.Url == conversation.ToString(),
                new() { Timeout = (float)Patience.TotalMilliseconds });

            await topology.KillAsync(doomed.Name);

            // Blazor notices the circuit's connection is gone, reconnects through nginx to the live node, which does not
            // know the circuit, and reloads the page: a new circuit there, the same address.
            Assert.Equal(survivor, await topology.ServedByAsync(await reloaded));
            await page.WaitUntilInteractiveAsync();
            Assert.Equal(first, await page.Locator("#exchange-0 .question-text").InnerTextAsync());
            Assert.Equal(stalled, await page.Locator("#exchange-1 .question-text").InnerTextAsync());
            Assert.Contains(InterruptedNotice, await page.Locator("#exchange-1 article.answer").InnerTextAsync());
            await chat.AskAsync(afterwards);
            await chat.WaitForAnswerAsync(3);
        }
        finally
        {
            await topology.StartNodeAgainAsync(doomed);
        }
    }

    /// <summary>The model has the question: the node is answering it.</summary>
    private Task AnsweringAsync(string question) => ScaleOutFixture.EventuallyAsync(
        () => Task.FromResult(scale.Model.Requests.Any(request => LanguageModelScript.QuestionOf(request) == question)),
        answering => answering, Patience, $"the model was asked \"{question}\"");
}
