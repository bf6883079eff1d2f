using System.Text.Json;
using System.Text.Json.Serialization;
using RagAssistant.Core.Conversations;
using RagAssistant.Redis;
using RagAssistant.Redis.Uploads;

namespace RagAssistant.Web.Papers;

/// <summary>
/// Jobs kept in Redis (<see cref="RedisJobBoard"/>) as JSON, so that the Papers page on every node shows the owner's jobs;
/// a save on any node raises <see cref="Changed"/> on every node through Redis pub/sub.
/// </summary>
public sealed class RedisUploadJobs : IUploadJobs
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new OwnerConverter(), new JsonStringEnumConverter() } };

    private readonly RedisJobBoard _board;

    public RedisUploadJobs(RedisJobBoard board)
    {
        _board = board;
        _board.Changed += owner => Changed?.Invoke(ConversationOwner.FromKey(owner));
    }

    public event Action<ConversationOwner>? Changed;

    public Task SaveAsync(UploadJob job, CancellationToken cancellationToken = default) =>
        Reach(() => _board.SaveAsync(job.Id, job.Owner.Key, job.Started, JsonSerializer.Serialize(job, Json)));

    public async Task<UploadJob?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        await Reach(() => _board.FindAsync(id)) is { } json ? JsonSerializer.Deserialize<UploadJob>(json, Json) : null;

    public async Task<IReadOnlyList<UploadJob>> OfAsync(ConversationOwner owner, CancellationToken cancellationToken = default) =>
        [.. (await Reach(() => _board.OfAsync(owner.Key))).Select(json => JsonSerializer.Deserialize<UploadJob>(json, Json)!)];

    private static async Task<T> Reach<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (RedisOutage.Is(exception))
        {
            throw Unavailable(exception);
        }
    }

    private static async Task Reach(Func<Task> call) => await Reach(async () =>
    {
        await call();
        return true;
    });

    internal static UploadsUnavailableException Unavailable(Exception exception) =>
        new("Uploads cannot be taken or shown right now: the shared job store (Redis) is unreachable. Try again in a minute.", exception);

    /// <summary>An owner is its key (<c>user:…</c>, <c>session:…</c>, <c>address:…</c>).</summary>
    private sealed class OwnerConverter : JsonConverter<ConversationOwner>
    {
        public override ConversationOwner Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ConversationOwner.FromKey(reader.GetString() ?? throw new JsonException("An upload job without an owner."));

        public override void Write(Utf8JsonWriter writer, ConversationOwner value, JsonSerializerOptions options) => writer.WriteStringValue(value.Key);
    }
}
