using RagAssistant.Client.Chat;
using RagAssistant.Client.Tests.Hosting;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Tests;

/// <summary><see cref="RagAssistantChatClient"/> against the app's /hubs/chat.</summary>
[Collection(GuardedAppCollection.Name)]
public sealed class ChatHubClientTests(GuardedApp app)
{
    private static async Task<List<AnswerEvent>> CollectAsync(IAsyncEnumerable<AnswerEvent> events)
    {
        var collected = new List<AnswerEvent>();
        await foreach (var answerEvent in events) collected.Add(answerEvent);
        return collected;
    }

    [Fact]
    public async Task Ask_streams_sources_text_and_verified_citations_then_done()
    {
        await using var chat = new RagAssistantChatClient(app.Host.ClientOptionsWithKey);

        var events = await CollectAsync(chat.AskAsync(RagAssistantChatClient.NewConversationId(), SampleCorpus.Co2Question));

        var sources = Assert.IsType<SourcesEvent>(events[0]);
        var done = Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal(done.Answer, string.Concat(events.OfType<TextDeltaEvent>().Select(delta => delta.Text)));
        var citations = events.OfType<CitationEvent>().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, citation => Assert.Contains(sources.Sources, source => source.N == citation.N && source.PaperId == citation.PaperId));
        Assert.Contains(sources.Sources, source => source.Title.StartsWith(SampleCorpus.Co2TitleStart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_summary_can_be_forced_through_the_options()
    {
        await using var chat = new RagAssistantChatClient(app.Host.ClientOptionsWithKey);

        var events = await CollectAsync(chat.AskAsync(RagAssistantChatClient.NewConversationId(), "neural networks for atmospheric CO2 transport",
            new ChatAskOptions(AnswerKind.Summary)));

        Assert.Equal(AnswerKind.Summary, Assert.IsType<SourcesEvent>(events[0]).Kind);
        Assert.IsType<DoneEvent>(events[^1]);
    }

    [Fact]
    public async Task A_follow_up_in_the_same_conversation_is_searched_with_its_context()
    {
        await using var chat = new RagAssistantChatClient(app.Host.ClientOptionsWithKey);
        var conversation = RagAssistantChatClient.NewConversationId();

        await CollectAsync(chat.AskAsync(conversation, SampleCorpus.Co2Question));
        var followUp = await CollectAsync(chat.AskAsync(conversation, "Which of them conserves mass?"));

        // The follow-up alone says nothing of CO2; its condensed query carries the subject of the conversation.
        var query = Assert.IsType<SourcesEvent>(followUp[0]).Query;
        Assert.Contains("CO2", query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_invalid_conversation_id_is_refused_by_the_hub()
    {
        await using var chat = new RagAssistantChatClient(app.Host.ClientOptionsWithKey);

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => CollectAsync(chat.AskAsync("../escape", SampleCorpus.Co2Question)));

        Assert.Contains("conversation_id must be 1 to 64 letters, digits", refused.Message);
    }
}
