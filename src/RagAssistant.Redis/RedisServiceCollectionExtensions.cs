using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RagAssistant.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// The one Redis connection of a node, for everything the nodes share. It does not fail start-up when Redis is down
    /// (<see cref="ConfigurationOptions.AbortOnConnectFail"/> off): the node starts, <c>/health</c> says Redis is
    /// unreachable, and the multiplexer reconnects by itself when Redis is back.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>()
            .Bind(configuration.GetSection(RedisOptions.Section))
            .Validate(o => Parses(o.Connection), "Redis:Connection must be a StackExchange.Redis connection string such as localhost:6379.")
            .Validate(o => o.KeyPrefix is not null, "Redis:KeyPrefix must not be null; use \"\" for no prefix.")
            .ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(provider =>
        {
            var options = ConfigurationOptions.Parse(provider.GetRequiredService<IOptions<RedisOptions>>().Value.Connection);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }

    private static bool Parses(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection)) return false;
        try
        {
            return ConfigurationOptions.Parse(connection).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
