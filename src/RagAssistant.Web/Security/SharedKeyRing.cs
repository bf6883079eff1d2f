using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using RagAssistant.Redis;
using StackExchange.Redis;

namespace RagAssistant.Web.Security;

/// <summary>
/// The key ring that protects the sign-in cookie, antiforgery tokens and the page's circuit state. One node (the
/// default) keeps ASP.NET Core's own: files under <c>~/.aspnet/DataProtection-Keys</c>, which outlive a restart. Several
/// nodes (<c>Rag:SharedState=redis</c>) share one ring in Redis under one application name, so a cookie or token issued
/// by one node is read by every other, and a user moved by the load balancer stays signed in.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>The same on every node: data protection isolates apps by this name, which otherwise comes from the install path.</summary>
    public const string ApplicationName = "RagAssistant";

    /// <summary>The Redis key (after <c>Redis:KeyPrefix</c>) of the shared ring.</summary>
    public const string RedisKeyName = "data-protection-keys";

    /// <summary>The ring in Redis, for several nodes (<see cref="SharedState.NodeStateExtensions"/> decides).</summary>
    public static IServiceCollection AddRedisKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        // Through the node's one connection (AddRedisConnection), so the ring and the conversations meet the same Redis.
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((options, redis, settings) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), settings.Value.KeyPrefix + RedisKeyName));
        return services;
    }
}
