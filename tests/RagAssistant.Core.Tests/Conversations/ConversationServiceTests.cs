using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Tests.Orchestration;

namespace RagAssistant.Core.Tests.Conversations;

/// <summary>The conversation service over the real orchestrator and the sample papers: load → ask → record → save.</summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class ConversationServiceTests(SampleCorpusFixture corpus) : IDisposable
{
    private readonly TempDirectory _folder = new();

    private async Task<ConversationService> ServiceAsync() => new(
        new FileConversationStore(_folder.Path, new ConversationOptions(), TimeProvider.System, NullLogger<FileConversationStore>.Instance),
        new OrchestratorAnswerStream(await corpus.OrchestratorAsync()),
        Options.Create(new AssistantOptions()),
        TimeProvider.System);

    private static async Task<List<AnswerEvent>> AskAsync(ConversationService service, ConversationQuestion question)
    {
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in service.AskAsync(question)) events.Add(answerEvent);
        return events;
    }

    [Fact]
    public async Task A_follow_up_in_a_later_process_is_condensed_against_the_kept_history()
    {
        await AskAsync(await ServiceAsync(), new ConversationQuestion(ConversationOwner.Local, "co2", "Which papers emulate CO2 transport with neural nets?"));

        // A new service and store over the same folder, as a second `rag ask --conversation co2` would have.
        var later = await ServiceAsync();
        var events = await AskAsync(later, new ConversationQuestion(ConversationOwner.Local, "co2", "And which of those conserve mass?"));

        var query = events.OfType<SourcesEvent>().Single().Query;
        Assert.Contains("conserve mass", query);
        Assert.Contains("CO2 transport", query);
        var kept = await later.FindAsync(ConversationOwner.Local, "co2");
        Assert.Equal(["Which papers emulate CO2 transport with neural nets?", "And which of those conserve mass?"], kept!.Exchanges.Select(e => e.Question));
        Assert.All(kept.Exchanges, e => Assert.Equal(ExchangeOutcome.Answered, e.Outcome));
        Assert.Equal(events.OfType<DoneEvent>().Single().Answer, kept.Exchanges[^1].Answer);
        Assert.Equal(2, kept.Turns.Count);
    }

    [Fact]
    public async Task A_stopped_answer_is_kept_only_when_asked_to()
    {
        var service = await ServiceAsync();

        foreach (var (id, keep) in new[] { ("dropped", false), ("kept", true) })
        {
            using var stop = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var answerEvent in service.AskAsync(new ConversationQuestion(ConversationOwner.Local, id, "Which papers emulate CO2 transport?", KeepUnfinished: keep), stop.Token))
                {
                    if (answerEvent is SourcesEvent) await stop.CancelAsync();
                }
            });
        }

        Assert.Null(await service.FindAsync(ConversationOwner.Local, "dropped"));
        var kept = await service.FindAsync(ConversationOwner.Local, "kept");
        Assert.Equal(ExchangeOutcome.Stopped, Assert.Single(kept!.Exchanges).Outcome);
        Assert.Empty(kept.Turns);
    }

    [Fact]
    public async Task A_reader_that_stops_at_done_still_keeps_the_exchange_and_its_turn()
    {
        var service = await ServiceAsync();

        // As REST and MCP read: up to the done event, then no further.
        var answer = await AnswerAccumulator.ReadAsync(service.AskAsync(new ConversationQuestion(ConversationOwner.Local, "stops", "Which papers emulate CO2 transport?")));

        Assert.NotNull(answer.Done);
        var kept = await service.FindAsync(ConversationOwner.Local, "stops");
        Assert.Equal(ExchangeOutcome.Answered, Assert.Single(kept!.Exchanges).Outcome);
        Assert.Single(kept.Turns);
    }

    public void Dispose() => _folder.Dispose();
}
