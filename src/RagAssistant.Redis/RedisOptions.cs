namespace RagAssistant.Redis;

/// <summary>The <c>Redis</c> section: read only when <c>Rag:SharedState=redis</c>.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis's connection string, e.g. <c>localhost:6379</c> or <c>redis.example:6380,ssl=true,password=…</c>.</summary>
    public string Connection { get; set; } = "localhost:6379";

    /// <summary>Put before every key, so several deployments (or test runs) can share one Redis without meeting.</summary>
    public string KeyPrefix { get; set; } = "rag:";
}
