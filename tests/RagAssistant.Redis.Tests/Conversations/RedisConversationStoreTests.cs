using RagAssistant.Core.Conversations;

namespace RagAssistant.Redis.Tests.Conversations;

/// <summary>The contract on the Redis store: each node its own connection to one real redis-server.</summary>
public sealed class RedisConversationStoreTests(RedisFixture redis) : ConversationStoreContract, IClassFixture<RedisFixture>
{
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";

    protected override IConversationStore OpenNode() => redis.Node(_prefix);
}
