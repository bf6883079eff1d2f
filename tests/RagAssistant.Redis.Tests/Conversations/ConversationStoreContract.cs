using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Redis.Tests.Conversations;

/// <summary>
/// What every conversation store promises, tried on each: <see cref="OpenNode"/> opens another instance over the same
/// kept state — a second app node over one Redis, or a later process over one data directory. (A file store caches what
/// it read, so two live at once over one folder do not see each other's writes: that is what Redis is for. The tests
/// read through a fresh instance after another one wrote.)
/// </summary>
public abstract class ConversationStoreContract
{
    protected static readonly ConversationOwner Alice = ConversationOwner.User("alice");
    protected static readonly ConversationOwner Bob = ConversationOwner.User("bob");
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    protected abstract IConversationStore OpenNode();

    protected static ChatExchange Exchange(string question, int minute) =>
        new(question, AnswerKind.Answer, $"The answer to {question} [1].",
            [new AnswerSource(1, "p1", "A paper", new DateOnly(2024, 5, 6), 3, null, "An abstract.", 0.5)],
            [new CitationEvent(1, "p1", $"The answer to {question}.", true, "quoted", CitationVerdicts.Quoted)],
            ExchangeOutcome.Answered, null, Start.AddMinutes(minute));

    private static ConversationTurn Turn(string question) => new(question, $"query for {question}", $"The answer to {question} [1].", ["p1"]);

    /// <summary>Asks as the conversation service does: pending first, then the exchange with its turn.</summary>
    protected static async Task<ChatTranscript> AskAsync(IConversationStore store, ConversationOwner owner, string id, string question, int minute)
    {
        var transcript = await store.FindAsync(owner, id) ?? ChatTranscript.Start(id, owner, question, Start.AddMinutes(minute));
        var exchange = Exchange(question, minute);
        await store.BeginAsync(transcript, new PendingQuestion(question, exchange.AskedAt));
        return await store.AppendAsync(transcript, exchange, Turn(question));
    }

    [Fact]
    public async Task A_conversation_started_on_one_node_continues_on_another_with_every_exchange_and_turn()
    {
        await AskAsync(OpenNode(), Alice, "chat-1", "Which papers emulate CO2 transport?", 1);
        await AskAsync(OpenNode(), Alice, "chat-1", "And which of those conserve mass?", 2);
        await AskAsync(OpenNode(), Alice, "chat-1", "Who wrote the first one?", 3);

        var node = OpenNode();
        var kept = await node.FindAsync(Alice, "chat-1");
        Assert.NotNull(kept);
        Assert.Equal("Which papers emulate CO2 transport?", kept.Title);
        Assert.Equal(["Which papers emulate CO2 transport?", "And which of those conserve mass?", "Who wrote the first one?"],
            kept.Exchanges.Select(e => e.Question));
        // The history follow-ups are condensed against travels too, not only what the page shows.
        Assert.Equal(["query for Which papers emulate CO2 transport?", "query for And which of those conserve mass?", "query for Who wrote the first one?"],
            kept.Turns.Select(t => t.Query));
        Assert.Equal(Exchange("Who wrote the first one?", 3).Citations, kept.Exchanges[^1].Citations);
        Assert.Equal(Exchange("Who wrote the first one?", 3).Sources, kept.Exchanges[^1].Sources);
        Assert.Equal(3, Assert.Single(await node.ListAsync(Alice)).Questions);
    }

    [Fact]
    public async Task Another_owners_conversation_is_never_found_listed_continued_or_deleted()
    {
        await AskAsync(OpenNode(), Alice, "chat-1", "Alice's question", 1);

        var bobs = OpenNode();
        Assert.Null(await bobs.FindAsync(Bob, "chat-1"));
        Assert.Empty(await bobs.ListAsync(Bob));
        Assert.False(await bobs.DeleteAsync(Bob, "chat-1"));
        // The same id is Bob's to use: his own conversation, apart from Alice's.
        await AskAsync(bobs, Bob, "chat-1", "Bob's question", 2);

        var node = OpenNode();
        Assert.Equal(["Alice's question"], (await node.FindAsync(Alice, "chat-1"))!.Exchanges.Select(e => e.Question));
        Assert.Equal(["Bob's question"], (await node.FindAsync(Bob, "chat-1"))!.Exchanges.Select(e => e.Question));
        Assert.True(await node.DeleteAsync(Bob, "chat-1"));
        var after = OpenNode();
        Assert.NotNull(await after.FindAsync(Alice, "chat-1"));
        Assert.Null(await after.FindAsync(Bob, "chat-1"));
    }

    [Fact]
    public async Task The_list_is_most_recent_first_and_a_deleted_conversation_leaves_it()
    {
        await AskAsync(OpenNode(), Alice, "older", "First conversation", 1);
        await Task.Delay(20); // a later write: "updated" is the clock at the write
        await AskAsync(OpenNode(), Alice, "newer", "Second conversation", 2);

        var node = OpenNode();
        Assert.Equal(["newer", "older"], (await node.ListAsync(Alice)).Select(s => s.Id));
        Assert.True(await node.DeleteAsync(Alice, "newer"));
        var after = OpenNode();
        Assert.Equal(["older"], (await after.ListAsync(Alice)).Select(s => s.Id));
        Assert.Null(await after.FindAsync(Alice, "newer"));
        Assert.False(await after.DeleteAsync(Alice, "newer"));
    }

    [Fact]
    public async Task A_question_pending_when_its_node_stopped_shows_as_interrupted_and_does_not_reach_the_history()
    {
        var nodeA = OpenNode();
        await AskAsync(nodeA, Alice, "chat-1", "Which papers emulate CO2 transport?", 1);
        var transcript = (await nodeA.FindAsync(Alice, "chat-1"))!;
        await nodeA.BeginAsync(transcript, new PendingQuestion("And which conserve mass?", Start.AddMinutes(2), AnswerKind.Summary));
        // Node A stops here: its answer never ends.

        var nodeB = OpenNode();
        var kept = await nodeB.FindAsync(Alice, "chat-1");

        Assert.NotNull(kept);
        var interrupted = kept.Exchanges[^1];
        Assert.Equal("And which conserve mass?", interrupted.Question);
        Assert.Equal(ExchangeOutcome.Interrupted, interrupted.Outcome);
        Assert.Equal("This answer was interrupted: the server answering it stopped. Ask again.", interrupted.Error);
        Assert.Equal(AnswerKind.Summary, interrupted.Kind);
        Assert.Equal(Start.AddMinutes(2), interrupted.AskedAt);
        Assert.Single(kept.Turns);
        Assert.Equal(2, Assert.Single(await nodeB.ListAsync(Alice)).Questions);
        // Asking again on node B carries on after it.
        await AskAsync(nodeB, Alice, "chat-1", "And which conserve mass, again?", 3);
        Assert.Equal([ExchangeOutcome.Answered, ExchangeOutcome.Interrupted, ExchangeOutcome.Answered],
            (await OpenNode().FindAsync(Alice, "chat-1"))!.Exchanges.Select(e => e.Outcome));
    }

    [Fact]
    public async Task A_first_question_pending_when_its_node_stopped_is_a_conversation_elsewhere()
    {
        var nodeA = OpenNode();
        var start = ChatTranscript.Start("lost", Alice, "Which papers emulate CO2 transport?", Start);
        await nodeA.BeginAsync(start, new PendingQuestion("Which papers emulate CO2 transport?", Start));

        // On the node answering it, the answer is still coming: nothing to show yet.
        Assert.Null(await nodeA.FindAsync(Alice, "lost"));
        var elsewhere = await OpenNode().FindAsync(Alice, "lost");
        Assert.Equal(ExchangeOutcome.Interrupted, Assert.Single(elsewhere!.Exchanges).Outcome);
        Assert.Equal("lost", Assert.Single(await OpenNode().ListAsync(Alice)).Id);
    }

    [Fact]
    public async Task A_finished_answer_replaces_its_pending_mark_and_a_withdrawn_first_question_leaves_nothing()
    {
        var node = OpenNode();
        await AskAsync(node, Alice, "chat-1", "Answered question", 1);
        var withdrawn = ChatTranscript.Start("dropped", Alice, "Stopped question", Start);
        await node.BeginAsync(withdrawn, new PendingQuestion("Stopped question", Start));
        await node.WithdrawAsync(withdrawn, new PendingQuestion("Stopped question", Start));

        var elsewhere = OpenNode();
        Assert.Equal(ExchangeOutcome.Answered, Assert.Single((await elsewhere.FindAsync(Alice, "chat-1"))!.Exchanges).Outcome);
        Assert.Null(await elsewhere.FindAsync(Alice, "dropped"));
        Assert.Equal(["chat-1"], (await elsewhere.ListAsync(Alice)).Select(s => s.Id));
    }

    [Fact]
    public async Task Ids_that_could_name_another_key_or_path_are_refused()
    {
        var node = OpenNode();

        Assert.Null(await node.FindAsync(Alice, "../chat-1"));
        Assert.Null(await node.FindAsync(Alice, "chat:1"));
        Assert.False(await node.DeleteAsync(Alice, "*"));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            node.AppendAsync(ChatTranscript.Start("a:b", Alice, "q", Start), Exchange("q", 1), null));
    }
}
