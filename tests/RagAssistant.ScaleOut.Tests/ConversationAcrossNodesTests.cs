using RagAssistant.Client.Chat;
using RagAssistant.Contracts;

namespace RagAssistant.ScaleOut.Tests;

/// <summary>
/// A conversation begun on one node goes on on the other, as when the balancer moves a client: over REST and over the
/// hub, the second node sees the first node's turns, condenses the follow-up against them, and keeps both.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ConversationAcrossNodesTests(ScaleOutFixture scale)
{
    [Fact]
    public async Task A_conversation_asked_over_rest_on_node_1_continues_on_node_2_which_keeps_both_turns()
    {
        var id = "rest-" + Guid.NewGuid().ToString("N")[..12];
        const string first = "Which papers solve partial differential equations with neural operators?";
        const string followUp = "Which of those are physics-aware?";
        using var node1 = scale.Rest(scale.Topology.Node(1).Url);
        using var node2 = scale.Rest(scale.Topology.Node(2).Url);

        var firstAnswer = await node1.AskAsync(new AskRequest(first, ConversationId: id));
        var followUpAnswer = await node2.AskAsync(new AskRequest(followUp, ConversationId: id));

        var kept = await node2.GetConversationAsync(id);
        Assert.NotNull(kept);
        Assert.Equal([first, followUp], kept.Turns.Select(turn => turn.Question));
        Assert.All(kept.Turns, turn => Assert.Equal("answered", turn.Outcome));
        Assert.Equal([firstAnswer.Answer, followUpAnswer.Answer], kept.Turns.Select(turn => turn.Answer));
        AssertCondensedWithEarlierTurn(followUp, first);
    }

    [Fact]
    public async Task A_conversation_asked_over_the_hub_on_node_1_continues_on_node_2()
    {
        var id = RagAssistantChatClient.NewConversationId();
        const string first = "Which papers use Bayesian optimization for hyperparameters?";
        const string followUp = "Which of those use neural network surrogates?";

        await using (var node1 = scale.Hub(scale.Topology.Node(1).Url))
        {
            Assert.IsType<DoneEvent>((await node1.AskAsync(id, first).ToListAsync()).Last());
        }
        await using (var node2 = scale.Hub(scale.Topology.Node(2).Url))
        {
            var events = await node2.AskAsync(id, followUp).ToListAsync();
            Assert.IsType<DoneEvent>(events.Last());
            Assert.Contains(events, answerEvent => answerEvent is TextDeltaEvent);
        }

        using var rest = scale.Rest(scale.Topology.Node(1).Url);
        var kept = await rest.GetConversationAsync(id);
        Assert.NotNull(kept);
        Assert.Equal([first, followUp], kept.Turns.Select(turn => turn.Question));
        AssertCondensedWithEarlierTurn(followUp, first);
    }

    /// <summary>The node that took the follow-up showed the model the earlier question it had never seen itself.</summary>
    private void AssertCondensedWithEarlierTurn(string followUp, string earlier)
    {
        var condensing = scale.Model.Requests.Where(LanguageModelScript.IsCondensing)
            .Where(request => LanguageModelScript.QuestionOf(request) == followUp)
            .ToList();
        Assert.NotEmpty(condensing);
        Assert.Contains(earlier, condensing[^1].Messages[^1].Content);
    }
}
