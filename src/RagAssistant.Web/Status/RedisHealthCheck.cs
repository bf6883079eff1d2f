using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RagAssistant.Redis;
using StackExchange.Redis;

namespace RagAssistant.Web.Status;

/// <summary>
/// Redis, when the nodes share their state in it (<c>Rag:SharedState=redis</c>): reachable or not, named by its endpoint
/// (never the password). Down is degraded, not unhealthy: search and answers without a conversation still work, and the
/// connection comes back by itself when Redis does, without a restart.
/// </summary>
public sealed class RedisHealthCheck(IOptions<RedisOptions> options, IConnectionMultiplexer? redis = null) : IHealthCheck
{
    public const string Name = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis is null) return HealthCheckResult.Healthy(data: Data(Reachability.NotUsed(null)));
        var endpoint = RedisEndpoints.Describe(options.Value.Connection);
        var problem = await ProbeAsync(redis, cancellationToken);
        var reachability = new Reachability(problem is null ? Reachability.Reachable : Reachability.Unreachable, endpoint, problem);
        return problem is null
            ? HealthCheckResult.Healthy(data: Data(reachability))
            : HealthCheckResult.Degraded($"Redis at {endpoint} is unreachable ({problem}): conversations cannot be read or kept until it is back.",
                data: Data(reachability));
    }

    private static Dictionary<string, object> Data(Reachability redis) => new() { [nameof(Reachability)] = redis };

    /// <summary>Null when Redis answered PING; otherwise why not, in one line.</summary>
    private static async Task<string?> ProbeAsync(IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        // A dropped connection is known at once; a PING would only wait in the backlog until its timeout.
        if (!redis.IsConnected) return "not connected";
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(ServiceReachability.ProbeTimeout, cancellationToken);
            return null;
        }
        catch (TimeoutException)
        {
            return $"no answer to PING within {ServiceReachability.ProbeTimeout.TotalSeconds:0} s";
        }
        catch (RedisConnectionException exception)
        {
            return exception.Message;
        }
    }
}
