using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RagAssistant.Redis.Uploads;

/// <summary>
/// Upload jobs' latest status (one JSON document each) where every node reads it, the newest <see cref="KeptPerOwner"/>
/// per owner, kept <see cref="KeptFor"/>. Every save is announced on the channel <c>uploads:changed</c> with the owner's
/// key, and each node's board raises <see cref="Changed"/> for it, so a page on any node learns of a change at once.
/// </summary>
public sealed class RedisJobBoard
{
    public const int KeptPerOwner = 10;

    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly RedisChannel _channel;

    public RedisJobBoard(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
    {
        _redis = redis;
        _prefix = options.Value.KeyPrefix + "uploads:";
        _channel = RedisChannel.Literal(_prefix + "changed");
        // Fire and forget, so that a node starting while Redis is down still starts: the multiplexer keeps the
        // subscription and renews it whenever it reconnects.
        try
        {
            redis.GetSubscriber().Subscribe(_channel, (_, owner) => Changed?.Invoke(owner!), CommandFlags.FireAndForget);
        }
        catch (RedisConnectionException)
        {
            // Kept by the multiplexer all the same, and made when it connects.
        }
    }

    /// <summary>Raised, on a background thread, with the owner key of a job saved on any node.</summary>
    public event Action<string>? Changed;

    public async Task SaveAsync(string id, string ownerKey, DateTimeOffset started, string json)
    {
        RedisOutage.ThrowIfDisconnected(_redis);
        var transaction = _redis.GetDatabase().CreateTransaction();
        var owned = OwnerKey(ownerKey);
        _ = transaction.StringSetAsync(JobKey(id), json, KeptFor);
        _ = transaction.SortedSetAddAsync(owned, id, started.ToUnixTimeMilliseconds());
        _ = transaction.SortedSetRemoveRangeByRankAsync(owned, 0, -KeptPerOwner - 1);
        _ = transaction.KeyExpireAsync(owned, KeptFor);
        await transaction.ExecuteAsync();
        await _redis.GetSubscriber().PublishAsync(_channel, ownerKey);
    }

    public async Task<string?> FindAsync(string id)
    {
        RedisOutage.ThrowIfDisconnected(_redis);
        return await _redis.GetDatabase().StringGetAsync(JobKey(id));
    }

    /// <summary>The owner's jobs, newest first; jobs that expired are left out.</summary>
    public async Task<IReadOnlyList<string>> OfAsync(string ownerKey)
    {
        RedisOutage.ThrowIfDisconnected(_redis);
        var database = _redis.GetDatabase();
        var ids = await database.SortedSetRangeByRankAsync(OwnerKey(ownerKey), 0, KeptPerOwner - 1, Order.Descending);
        if (ids.Length == 0) return [];
        var jobs = await database.StringGetAsync([.. ids.Select(id => JobKey(id!))]);
        return [.. jobs.Where(job => job.HasValue).Select(job => (string)job!)];
    }

    private RedisKey JobKey(string id) => _prefix + "job:" + id;

    private RedisKey OwnerKey(string ownerKey) => _prefix + "owner:" + ownerKey;
}
