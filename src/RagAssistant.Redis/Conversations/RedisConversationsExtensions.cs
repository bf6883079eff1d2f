using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Conversations;

namespace RagAssistant.Redis.Conversations;

public static class RedisConversationsExtensions
{
    /// <summary>Conversations in Redis instead of the data directory. Call after <c>AddRedisConnection</c> and before <c>AddRagConversations</c>.</summary>
    public static IServiceCollection AddRedisConversations(this IServiceCollection services) =>
        services.AddSingleton<IConversationStore, RedisConversationStore>();
}
