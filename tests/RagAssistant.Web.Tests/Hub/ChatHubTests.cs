using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Hub;

/// <summary>
/// The chat hub through the .NET SignalR client, against the real app on Kestrel with the sample papers indexed
/// (BM25 only: the embedding model is not the subject here).
/// </summary>
public sealed class ChatHubTests(SampleApp sample) : IClassFixture<SampleApp>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    /// <summary>The owner of an open app's hub and REST callers here: their client address.</summary>
    private static readonly ConversationOwner Loopback = ConversationOwner.Address("127.0.0.1");

    private readonly HeldWriter _heldWriter = new();
    private readonly RagAppHost _app = sample.App;

    [Fact]
    public async Task Ask_streams_sources_then_text_and_checked_citations_then_done()
    {
        await using var connection = await ConnectAsync(_app);
        var conversationId = Guid.NewGuid().ToString("N");

        var events = await CollectAsync(connection.StreamAsync<AnswerEvent>(
            "Ask", conversationId, "neural networks for atmospheric CO2 transport", null));

        var sources = Assert.IsType<SourcesEvent>(events[0]);
        Assert.NotEmpty(sources.Sources);
        var done = Assert.IsType<DoneEvent>(events[^1]);
        Assert.True(done.Covered);
        var deltas = events.OfType<TextDeltaEvent>().ToList();
        Assert.True(deltas.Count > 1, "the answer should arrive in more than one piece");
        Assert.Equal(done.Answer, string.Concat(deltas.Select(delta => delta.Text)));
        var citations = events.OfType<CitationEvent>().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, citation => Assert.Contains(sources.Sources, source => source.N == citation.N && source.PaperId == citation.PaperId));
        Assert.All(citations, citation => Assert.Contains($"[{citation.N}]", done.Answer));

        // The finished answer is kept, so a follow-up on the same id has history.
        var store = _app.Services.GetRequiredService<IConversationStore>();
        var transcript = await store.FindAsync(Loopback, conversationId);
        Assert.NotNull(transcript);
        Assert.Equal(done.Answer, Assert.Single(transcript.Exchanges).Answer);
        Assert.Single(transcript.Turns);
    }

    [Fact]
    public async Task Ask_honours_a_requested_literature_summary()
    {
        await using var connection = await ConnectAsync(_app);

        var events = await CollectAsync(connection.StreamAsync<AnswerEvent>(
            "Ask", "summary-test", "neural networks for weather and climate", new ChatAskOptions(Kind: AnswerKind.Summary)));

        Assert.Equal(AnswerKind.Summary, Assert.IsType<SourcesEvent>(events[0]).Kind);
        Assert.Contains("References", Assert.IsType<DoneEvent>(events[^1]).Answer);
    }

    [Fact]
    public async Task Cancelling_the_stream_midway_cancels_the_answer_on_the_server()
    {
        // The real orchestrator with a writer that sends one sentence and then waits, so the cancel lands midway.
        await using var app = new RagAppHost(localEmbeddings: false,
            services => services.Replace(ServiceDescriptor.Singleton<IAnswerWriter>(_heldWriter)));
        await app.StartAsync();
        await using var connection = await ConnectAsync(app);
        using var cancel = new CancellationTokenSource();
        var received = new List<AnswerEvent>();

        var reading = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var answerEvent in connection.StreamAsync<AnswerEvent>(
                "Ask", "cancel-test", "neural networks for atmospheric CO2 transport", null, cancel.Token))
            {
                received.Add(answerEvent);
                if (answerEvent is TextDeltaEvent) await cancel.CancelAsync();
            }
        });

        await reading.WaitAsync(HangGuard);
        await _heldWriter.Cancelled.Task.WaitAsync(HangGuard);
        Assert.Contains(received, answerEvent => answerEvent is TextDeltaEvent);
        Assert.DoesNotContain(received, answerEvent => answerEvent is DoneEvent);
        // A cancelled answer is not recorded as if it had been given.
        Assert.Null(await app.Services.GetRequiredService<IConversationStore>().FindAsync(Loopback, "cancel-test"));
        // The connection stays usable for the next question.
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task Ask_refuses_a_conversation_id_that_could_name_a_path()
    {
        await using var connection = await ConnectAsync(_app);

        var error = await Assert.ThrowsAsync<HubException>(async () =>
            await CollectAsync(connection.StreamAsync<AnswerEvent>("Ask", "../../etc/passwd", "anything at all", null)));

        Assert.Contains("conversation_id must be 1 to 64 letters, digits", error.Message);
    }

    [Fact]
    public async Task A_hub_conversation_can_be_deleted_through_the_api()
    {
        await using var connection = await ConnectAsync(_app);
        await CollectAsync(connection.StreamAsync<AnswerEvent>("Ask", "delete-test", "neural networks for atmospheric CO2 transport", null));
        var store = _app.Services.GetRequiredService<IConversationStore>();
        Assert.NotNull(await store.FindAsync(Loopback, "delete-test"));
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };

        using var deleted = await http.DeleteAsync("/api/conversations/delete-test");
        using var again = await http.DeleteAsync("/api/conversations/delete-test");
        using var invalid = await http.DeleteAsync("/api/conversations/not.an.id");

        Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await store.FindAsync(Loopback, "delete-test"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    private static async Task<HubConnection> ConnectAsync(RagAppHost app)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, ChatHub.Path)).Build();
        await connection.StartAsync();
        return connection;
    }

    private static async Task<List<AnswerEvent>> CollectAsync(IAsyncEnumerable<AnswerEvent> stream)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in stream.WithCancellation(guard.Token)) events.Add(answerEvent);
        return events;
    }

    /// <summary>Writes one cited sentence, then waits until the answer is cancelled, and says when that happened.</summary>
    private sealed class HeldWriter : IAnswerWriter
    {
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async IAsyncEnumerable<string> WriteAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return $"{context.Sources[0].Title} [1]. ";
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                if (cancellationToken.IsCancellationRequested) Cancelled.TrySetResult();
            }
            yield return "never sent";
        }
    }
}
