using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;

namespace RagAssistant.Redis.Tests.Conversations;

/// <summary>The conversation service on two nodes over one Redis, and while that Redis is down and back.</summary>
public sealed class ConversationServiceOverRedisTests : IAsyncLifetime
{
    private static readonly ConversationOwner Alice = ConversationOwner.User("alice");
    private static readonly TimeSpan ReconnectGuard = TimeSpan.FromMinutes(1);
    private readonly RedisFixture _redis = new();
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    private (ConversationService Service, RecordedAnswers Answers, IConversationStore Store) Node()
    {
        var answers = new RecordedAnswers();
        var store = _redis.Node(_prefix);
        return (new ConversationService(store, answers, Options.Create(new AssistantOptions()), TimeProvider.System), answers, store);
    }

    [Fact]
    public async Task A_follow_up_on_node_B_is_asked_with_the_history_node_A_kept()
    {
        var (a, b) = (Node(), Node());

        await RecordedAnswers.ReadAllAsync(a.Service.AskAsync(new ConversationQuestion(Alice, "co2", "Which papers emulate CO2 transport?")));
        var followUp = await RecordedAnswers.ReadAllAsync(b.Service.AskAsync(new ConversationQuestion(Alice, "co2", "And which of those conserve mass?")));

        Assert.IsType<DoneEvent>(followUp[^1]);
        Assert.Equal(["Which papers emulate CO2 transport?"], Assert.Single(b.Answers.HistorySeen).Select(turn => turn.Question));
        var kept = await a.Store.FindAsync(Alice, "co2");
        Assert.Equal(["Which papers emulate CO2 transport?", "And which of those conserve mass?"], kept!.Exchanges.Select(e => e.Question));
        Assert.Equal(2, kept.Turns.Count);
    }

    [Fact]
    public async Task While_Redis_is_down_asking_ends_in_an_error_naming_it_and_once_it_is_back_asking_works_without_a_new_connection()
    {
        var node = Node();
        await RecordedAnswers.ReadAllAsync(node.Service.AskAsync(new ConversationQuestion(Alice, "before", "A question before the outage")));

        await _redis.Server.StopAsync();

        var during = await RecordedAnswers.ReadAllAsync(node.Service.AskAsync(new ConversationQuestion(Alice, "during", "A question during the outage")));
        var error = Assert.IsType<ErrorEvent>(Assert.Single(during));
        Assert.True(error.ServiceUnreachable);
        Assert.Contains($"Redis at {_redis.Server.ConnectionString}", error.Message);
        var listing = await Assert.ThrowsAsync<ConversationStoreUnavailableException>(() => node.Store.ListAsync(Alice));
        Assert.Contains(_redis.Server.ConnectionString, listing.Message);

        await _redis.Server.StartAgainAsync();

        // The node's connection comes back by itself; until it has, a question still ends in the same clear error.
        using var guard = new CancellationTokenSource(ReconnectGuard);
        List<AnswerEvent> after;
        while ((after = await RecordedAnswers.ReadAllAsync(node.Service.AskAsync(new ConversationQuestion(Alice, "after", "A question after the outage"))))[^1] is ErrorEvent)
        {
            await Task.Delay(200, guard.Token);
        }
        Assert.IsType<DoneEvent>(after[^1]);
        // This Redis keeps nothing across a restart (no persistence), so only the conversation asked since is there.
        Assert.Equal(["after"], (await node.Store.ListAsync(Alice)).Select(s => s.Id));
    }
}
