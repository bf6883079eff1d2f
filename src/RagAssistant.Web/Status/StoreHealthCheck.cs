using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagAssistant.Contracts;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Indexing;

namespace RagAssistant.Web.Status;

/// <summary>
/// The index: opened and seeded (<see cref="IndexReadiness"/>), and — for Qdrant — reachable. Unhealthy while starting or
/// indexing the sample papers too, since nothing can be answered yet.
/// </summary>
public sealed class StoreHealthCheck(IndexReadiness status, IPaperIndex index, ServiceReachability services) : IHealthCheck
{
    public const string Name = "store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var qdrant = (await services.ProbeAsync(cancellationToken)).Qdrant;
        if (status.Ready && status.Problem is null && qdrant.State != Reachability.Unreachable)
        {
            try
            {
                // Counted afresh: `rag index` may have added papers to the same store since the app started.
                status.Papers = await index.CountPapersAsync(cancellationToken);
            }
            catch (StoreUnavailableException exception)
            {
                // The store went away after the cached probe: report it rather than fail /health itself.
                qdrant = new Reachability(Reachability.Unreachable, qdrant.Url, exception.Message);
            }
        }
        var state = status.State;
        var data = new Dictionary<string, object> { [nameof(IndexState)] = state, [nameof(Reachability)] = qdrant };
        return state == IndexState.Ready && qdrant.State != Reachability.Unreachable
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Unhealthy(status.Problem ?? qdrant.Detail ?? state, data: data);
    }
}
