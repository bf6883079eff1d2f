using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration.Conversations;
using StackExchange.Redis;

namespace RagAssistant.Redis.Conversations;

/// <summary>
/// Conversations in Redis, shared by every app node (<c>Rag:SharedState=redis</c>): a question asked through one node
/// is continued, listed and deleted through any other. Each conversation is the same lines a file would hold
/// (<see cref="ConversationLines"/>), appended atomically together with its metadata; nothing is cached per node, so a
/// node always reads what another wrote. When Redis cannot be reached every call throws
/// <see cref="ConversationStoreUnavailableException"/> naming it, and works again once it is back.
/// </summary>
public sealed class RedisConversationStore(
    IConnectionMultiplexer redis, IOptions<RedisOptions> options, IOptions<ConversationOptions> conversations, TimeProvider clock,
    ILogger<RedisConversationStore> logger) : IConversationStore
{
    // Adds a line, first creating the conversation (its first line and title) when it has none and ARGV[1] is set;
    // then stamps the update, counts the question (ARGV[6]: +1, 0 or -1) and files the id under its owner.
    private const string AppendScript = """
        local exists = redis.call('EXISTS', KEYS[1]) == 1
        if not exists then
          if ARGV[1] == '' then return 0 end
          redis.call('RPUSH', KEYS[1], ARGV[1])
          redis.call('HSET', KEYS[2], 'title', ARGV[3])
        end
        redis.call('RPUSH', KEYS[1], ARGV[2])
        redis.call('HSET', KEYS[2], 'updated', ARGV[4])
        redis.call('HINCRBY', KEYS[2], 'questions', ARGV[6])
        redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
        return 1
        """;

    private readonly AnswersInFlight _inFlight = new();
    private readonly RedisConversationKeys _keys = new(options.Value.KeyPrefix);

    private IDatabase Database => redis.GetDatabase();

    public Task<ChatTranscript?> FindAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default) =>
        !ConversationIds.IsValid(id) ? Task.FromResult<ChatTranscript?>(null) : GuardedAsync(() => ReadAsync(owner, id), cancellationToken);

    public Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationOwner owner, CancellationToken cancellationToken = default) =>
        GuardedAsync<IReadOnlyList<ConversationSummary>>(async () =>
        {
            var ids = (await Database.SortedSetRangeByRankAsync(_keys.Index(owner), order: Order.Descending)).Select(id => id.ToString()).ToList();
            // Sent together: one round trip for the whole list, not one per conversation.
            var metas = ids.Select(id => Database.HashGetAsync(_keys.Meta(owner, id), new RedisValue[] { "title", "updated", "questions" })).ToList();
            await Task.WhenAll(metas);
            return [.. ids.Zip(metas, (id, meta) => (Id: id, Meta: meta.Result))
                .Where(listed => !listed.Meta[0].IsNull)
                .Select(listed => new ConversationSummary(listed.Id, listed.Meta[0].ToString(), Time(listed.Meta[1]), (int)listed.Meta[2]))];
        }, cancellationToken);

    public Task BeginAsync(ChatTranscript transcript, PendingQuestion question, CancellationToken cancellationToken = default) =>
        GuardedAsync(async () =>
        {
            await AppendLineAsync(transcript, ConversationLines.Pending(question), questions: 1, create: true);
            _inFlight.Start(transcript, question);
            return true;
        }, cancellationToken, transcript.Id);

    public Task<ChatTranscript> AppendAsync(ChatTranscript transcript, ChatExchange exchange, ConversationTurn? turn, CancellationToken cancellationToken = default) =>
        GuardedAsync(async () =>
        {
            // A question begun here was counted then; one appended without beginning counts now.
            var begun = _inFlight.End(transcript, exchange.Question, exchange.AskedAt);
            await AppendLineAsync(transcript, ConversationLines.Exchange(exchange, turn), questions: begun ? 0 : 1, create: true);
            return await ReadAsync(transcript.Owner, transcript.Id) ?? transcript with { Exchanges = [exchange], Turns = turn is null ? [] : [turn] };
        }, cancellationToken, transcript.Id);

    public Task WithdrawAsync(ChatTranscript transcript, PendingQuestion question, CancellationToken cancellationToken = default) =>
        GuardedAsync(async () =>
        {
            _inFlight.End(transcript, question.Question, question.AskedAt);
            await AppendLineAsync(transcript, ConversationLines.Withdrawn(question), questions: -1, create: false);
            // The first question withdrawn leaves no conversation behind, as if it had never been asked.
            if (!_inFlight.Any(transcript.Owner, transcript.Id) && await ReadAsync(transcript.Owner, transcript.Id) is null)
            {
                await RemoveAsync(transcript.Owner, transcript.Id);
            }
            return true;
        }, cancellationToken, transcript.Id);

    public Task<bool> DeleteAsync(ConversationOwner owner, string id, CancellationToken cancellationToken = default) =>
        !ConversationIds.IsValid(id) ? Task.FromResult(false) : GuardedAsync(() => RemoveAsync(owner, id), cancellationToken);

    private async Task<bool> RemoveAsync(ConversationOwner owner, string id)
    {
        var deleted = await Database.KeyDeleteAsync(new[] { _keys.Lines(owner, id), _keys.Meta(owner, id) });
        await Database.SortedSetRemoveAsync(_keys.Index(owner), id);
        return deleted > 0;
    }

    private Task AppendLineAsync(ChatTranscript transcript, string line, int questions, bool create)
    {
        var (owner, id) = (transcript.Owner, transcript.Id);
        return Database.ScriptEvaluateAsync(AppendScript,
            new[] { _keys.Lines(owner, id), _keys.Meta(owner, id), _keys.Index(owner) },
            new RedisValue[] { create ? ConversationLines.Header(transcript) : "", line, transcript.Title, clock.GetUtcNow().ToUnixTimeMilliseconds(), id, questions });
    }

    /// <summary>The conversation's latest exchanges, read from its lines; null when it is not <paramref name="owner"/>'s <paramref name="id"/>.</summary>
    private async Task<ChatTranscript?> ReadAsync(ConversationOwner owner, string id)
    {
        var lines = Database.ListRangeAsync(_keys.Lines(owner, id));
        var updated = Database.HashGetAsync(_keys.Meta(owner, id), "updated");
        var keep = conversations.Value.ExchangesInMemory;
        var replay = new ConversationReplay(keep, keep, _inFlight.Of(owner, id),
            (line, message) => logger.LogWarning("Skipping line {Line} of conversation {Id} in Redis: {Message}", line, id, message));
        foreach (var line in await lines) replay.Add(line.ToString());
        var transcript = replay.Build(Time(await updated)).Transcript;
        // The key is the owner's, but the first line must say so too, as in a file.
        return transcript is not null && transcript.Owner == owner && transcript.Id == id ? transcript : null;
    }

    private static DateTimeOffset Time(RedisValue milliseconds) =>
        milliseconds.TryParse(out long value) ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.UnixEpoch;

    /// <summary>Runs one call, turning "Redis cannot be reached" into the store's own exception, with the endpoint named.</summary>
    private async Task<T> GuardedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken, string? id = null)
    {
        if (id is not null && !ConversationIds.IsValid(id)) throw new ArgumentException($"\"{id}\" is not a conversation id.", nameof(id));
        try
        {
            // StackExchange.Redis takes no token: an abandoned call still ends, within its own timeout.
            return await work().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisConnectionException or RedisTimeoutException)
        {
            throw new ConversationStoreUnavailableException(
                $"Conversations are kept in Redis at {RedisEndpoints.Describe(options.Value.Connection)}, which cannot be reached: {exception.Message}", exception);
        }
    }
}
