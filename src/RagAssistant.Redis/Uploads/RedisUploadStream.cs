using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RagAssistant.Redis.Uploads;

/// <summary>
/// Uploads waiting to be indexed, with their files' bytes, in one Redis stream that every node reads through the
/// consumer group <c>indexers</c>: an entry goes to one node, stays pending until that node acknowledges it, and is
/// claimed by another node when its taker stops renewing it for <see cref="ClaimAfter"/> (the taker died).
/// </summary>
public sealed class RedisUploadStream(IConnectionMultiplexer redis, IOptions<RedisOptions> options, TimeSpan? claimAfter = null)
{
    /// <summary>How long a taken entry may go without renewal before another node claims it: a minute unless a test says otherwise.</summary>
    public TimeSpan ClaimAfter { get; } = claimAfter ?? TimeSpan.FromMinutes(1);

    /// <summary>How often a taker renews the entry it is indexing: well inside <see cref="ClaimAfter"/>.</summary>
    public TimeSpan RenewEvery => ClaimAfter / 4;

    private const string Group = "indexers";

    // Adds only while fewer than ARGV[1] entries wait or are being indexed, so the bound holds however many nodes add at once.
    private const string AddScript = """
        if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end
        return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
        """;

    private bool _groupReady;

    /// <summary>This node's name in the consumer group: unique per process and per app host within it.</summary>
    public string Consumer { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    private RedisKey Key => options.Value.KeyPrefix + "uploads:queue";

    /// <summary>False when <paramref name="capacity"/> uploads are already in the stream.</summary>
    public async Task<bool> TryAddAsync(string jobId, IReadOnlyList<UploadedFile> files, int capacity)
    {
        RedisOutage.ThrowIfDisconnected(redis);
        RedisValue[] values = [capacity, "job", jobId, .. files.SelectMany((file, i) => new RedisValue[] { $"name:{i}", file.Name, $"data:{i}", file.Bytes })];
        var added = await redis.GetDatabase().ScriptEvaluateAsync(AddScript, [Key], values);
        return !added.IsNull;
    }

    /// <summary>The next upload for this node: first one a dead node left pending, else a new one; null when none waits.</summary>
    public async Task<StreamedUpload?> TakeAsync()
    {
        RedisOutage.ThrowIfDisconnected(redis);
        var database = redis.GetDatabase();
        await EnsureGroupAsync(database);
        try
        {
            var claimed = await database.StreamAutoClaimAsync(Key, Group, Consumer, (long)ClaimAfter.TotalMilliseconds, "0-0", count: 1);
            var entries = claimed.ClaimedEntries.Where(entry => !entry.IsNull).ToArray();
            if (entries.Length > 0) return Read(entries[0], await DeliveriesAsync(database, entries[0].Id));
            entries = await database.StreamReadGroupAsync(Key, Group, Consumer, StreamPosition.NewMessages, count: 1);
            return entries.Length == 0 ? null : Read(entries[0], deliveries: 1);
        }
        catch (RedisServerException exception) when (exception.Message.Contains("NOGROUP", StringComparison.Ordinal))
        {
            // Redis restarted empty: the group is made again on the next call.
            _groupReady = false;
            return null;
        }
    }

    /// <summary>Tells the other nodes this node is still indexing <paramref name="entryId"/>, so that none claims it.</summary>
    public Task RenewAsync(string entryId) =>
        redis.GetDatabase().StreamClaimIdsOnlyAsync(Key, Group, Consumer, 0, [entryId]);

    /// <summary>Done with the entry (indexed or failed for good): it is neither handed out again nor counted against the capacity.</summary>
    public async Task CompleteAsync(string entryId)
    {
        var database = redis.GetDatabase();
        await database.StreamAcknowledgeAsync(Key, Group, entryId);
        await database.StreamDeleteAsync(Key, [entryId]);
    }

    private async Task EnsureGroupAsync(IDatabase database)
    {
        if (_groupReady) return;
        try
        {
            // From the start of the stream, so entries added before the group existed are read too.
            await database.StreamCreateConsumerGroupAsync(Key, Group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException exception) when (exception.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another node (or an earlier run) made it.
        }
        _groupReady = true;
    }

    /// <summary>How many times the entry was handed out, this time included (renewals do not count).</summary>
    private async Task<int> DeliveriesAsync(IDatabase database, RedisValue entryId)
    {
        var pending = await database.StreamPendingMessagesAsync(Key, Group, 1, Consumer, entryId, entryId);
        return pending.Length == 0 ? 1 : pending[0].DeliveryCount;
    }

    private static StreamedUpload Read(StreamEntry entry, int deliveries)
    {
        var fields = entry.Values.ToDictionary(value => value.Name.ToString(), value => value.Value);
        var files = new List<UploadedFile>();
        for (var i = 0; fields.TryGetValue($"name:{i}", out var name); i++) files.Add(new UploadedFile(name!, (byte[])fields[$"data:{i}"]!));
        return new StreamedUpload(entry.Id!, fields["job"]!, files, deliveries);
    }
}

/// <summary>One uploaded file as it travels in the stream.</summary>
public sealed record UploadedFile(string Name, byte[] Bytes);

/// <summary>An upload taken from the stream: <paramref name="EntryId"/> renews and completes it; <paramref name="Deliveries"/> counts the nodes that took it.</summary>
public sealed record StreamedUpload(string EntryId, string JobId, IReadOnlyList<UploadedFile> Files, int Deliveries);
