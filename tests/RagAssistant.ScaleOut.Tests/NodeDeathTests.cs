using Microsoft.AspNetCore.SignalR.Client;
using RagAssistant.Client.Chat;
using RagAssistant.Contracts;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// A node dies (SIGKILL) while it is answering. Its clients come back through nginx to the other node and find their
/// conversation there, the answer that was in flight marked as interrupted. The node is started again afterwards.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class NodeDeathTests(ScaleOutFixture scale)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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

    /// <summary>The model has the question: the node is answering it.</summary>
    private Task AnsweringAsync(string question) => ScaleOutFixture.EventuallyAsync(
        () => Task.FromResult(scale.Model.Requests.Any(request => LanguageModelScript.QuestionOf(request) == question)),
        answering => answering, Patience, $"the model was asked \"{question}\"");
}
