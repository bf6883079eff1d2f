using Microsoft.Extensions.Logging.Abstractions;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration.Conversations;

namespace RagAssistant.Core.Tests.Conversations;

public sealed class ConversationStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualClock _clock = new();
    private static readonly ConversationOwner Alice = ConversationOwner.User("alice");
    private static readonly ConversationOwner Bob = ConversationOwner.User("bob");

    private FileConversationStore Store(int exchangesInMemory = 50, TimeSpan? idleAfter = null) =>
        new(_folder.Path, new ConversationOptions { ExchangesInMemory = exchangesInMemory, IdleAfter = idleAfter ?? TimeSpan.FromMinutes(30) },
            _clock, NullLogger<FileConversationStore>.Instance);

    private static ChatExchange Exchange(string question, ExchangeOutcome outcome = ExchangeOutcome.Answered) =>
        new(question, AnswerKind.Answer, $"answer to {question} [1]",
            [new AnswerSource(1, "p1", "Paper", new DateOnly(2024, 5, 6), 3, null, "Abstract.", 0.5)],
            [new CitationEvent(1, "p1", "A sentence.", true, "supported")], outcome, null, DateTimeOffset.UnixEpoch);

    private async Task AskFiveAsync(FileConversationStore store)
    {
        var start = ChatTranscript.Start("chat-1", Alice, "q1", _clock.GetUtcNow());
        for (var i = 1; i <= 5; i++)
        {
            await store.AppendAsync(start, Exchange($"q{i}"), new ConversationTurn($"q{i}", $"query {i}", $"a{i} [1]", [$"paper-{i}"]));
        }
    }

    [Fact]
    public async Task Memory_holds_the_latest_exchanges_and_the_file_keeps_them_all()
    {
        await AskFiveAsync(Store(exchangesInMemory: 3));

        var reopened = await Store(exchangesInMemory: 3).FindAsync(Alice, "chat-1");

        Assert.NotNull(reopened);
        Assert.Equal(["q3", "q4", "q5"], reopened.Exchanges.Select(e => e.Question));
        Assert.Equal(["q3", "q4", "q5"], reopened.Turns.Select(t => t.Question));
        Assert.Equal("q1", reopened.Title);
        Assert.Equal(Exchange("q5").Sources, reopened.Exchanges[^1].Sources);
        Assert.Equal(Exchange("q5").Citations, reopened.Exchanges[^1].Citations);
        var all = await Store(exchangesInMemory: 10).FindAsync(Alice, "chat-1");
        Assert.Equal(["q1", "q2", "q3", "q4", "q5"], all!.Exchanges.Select(e => e.Question));
        var summary = Assert.Single(await Store().ListAsync(Alice));
        Assert.Equal(5, summary.Questions);
        Assert.Empty(await Store().ListAsync(Bob));
    }

    [Fact]
    public async Task An_idle_conversation_leaves_memory_and_comes_back_from_disk()
    {
        var store = Store(idleAfter: TimeSpan.FromMinutes(10));
        await AskFiveAsync(store);
        Assert.Equal(1, store.InMemoryCount);

        _clock.Now += TimeSpan.FromMinutes(11);

        Assert.Equal(0, store.InMemoryCount);
        Assert.Equal(5, (await store.FindAsync(Alice, "chat-1"))!.Exchanges.Count);
        Assert.Equal(1, store.InMemoryCount);
    }

    [Fact]
    public async Task A_line_cut_short_by_a_crash_loses_only_that_exchange()
    {
        await AskFiveAsync(Store());
        var path = Path.Combine(_folder.Path, Alice.FolderName, "chat-1.jsonl");
        await File.AppendAllTextAsync(path, "{\"exchange\":{\"question\":\"q6\",\"ki");

        var reopened = await Store().FindAsync(Alice, "chat-1");

        Assert.Equal(5, reopened!.Exchanges.Count);
        Assert.Null(await Store().FindAsync(Alice, "missing"));
    }

    [Fact]
    public async Task Deleting_removes_the_conversation_from_the_list_and_the_disk()
    {
        var store = Store();
        await AskFiveAsync(store);

        Assert.True(await store.DeleteAsync(Alice, "chat-1"));

        Assert.Empty(await store.ListAsync(Alice));
        Assert.Null(await store.FindAsync(Alice, "chat-1"));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories));
        Assert.False(await store.DeleteAsync(Alice, "chat-1"));
    }

    [Fact]
    public async Task Ids_that_could_name_another_path_are_refused()
    {
        var store = Store();

        Assert.Null(await store.FindAsync(Alice, "../chat-1"));
        Assert.False(await store.DeleteAsync(Alice, "../chat-1"));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AppendAsync(ChatTranscript.Start("../evil", Alice, "q", _clock.GetUtcNow()), Exchange("q"), null));
    }

    [Fact]
    public async Task Another_owners_conversation_is_not_found_listed_or_deleted_and_the_same_id_is_theirs_to_use()
    {
        var store = Store();
        await AskFiveAsync(store);

        Assert.Null(await store.FindAsync(Bob, "chat-1"));
        Assert.Empty(await store.ListAsync(Bob));
        Assert.False(await store.DeleteAsync(Bob, "chat-1"));
        await store.AppendAsync(ChatTranscript.Start("chat-1", Bob, "bob's q", _clock.GetUtcNow()), Exchange("bob's q"), null);

        var reopened = Store();
        Assert.Equal(["bob's q"], (await reopened.FindAsync(Bob, "chat-1"))!.Exchanges.Select(e => e.Question));
        Assert.Equal(5, (await reopened.FindAsync(Alice, "chat-1"))!.Exchanges.Count);
        Assert.Equal("bob's q", Assert.Single(await reopened.ListAsync(Bob)).Title);
        Assert.Equal("q1", Assert.Single(await reopened.ListAsync(Alice)).Title);
    }

    [Fact]
    public async Task A_conversation_kept_before_owners_moves_to_its_browser_session_or_to_the_operator()
    {
        Directory.CreateDirectory(_folder.Path);
        var exchange = "{\"exchange\":{\"question\":\"q\",\"kind\":\"answer\",\"answer\":\"a\",\"sources\":[],\"citations\":[],\"outcome\":\"answered\",\"asked_at\":\"2026-01-01T00:00:00+00:00\"}}";
        await File.WriteAllLinesAsync(Path.Combine(_folder.Path, "page.jsonl"),
            ["{\"id\":\"page\",\"session_id\":\"s1\",\"title\":\"From the page\",\"created\":\"2026-01-01T00:00:00+00:00\"}", exchange]);
        await File.WriteAllLinesAsync(Path.Combine(_folder.Path, "cli.jsonl"),
            ["{\"id\":\"cli\",\"session_id\":null,\"title\":\"From rag ask\",\"created\":\"2026-01-01T00:00:00+00:00\"}", exchange]);

        var store = Store();

        Assert.Equal("From the page", Assert.Single(await store.ListAsync(ConversationOwner.Session("s1"))).Title);
        Assert.Equal("a", Assert.Single((await store.FindAsync(ConversationOwner.Local, "cli"))!.Exchanges).Answer);
        Assert.Null(await store.FindAsync(Alice, "page"));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path));
    }

    public void Dispose() => _folder.Dispose();
}
