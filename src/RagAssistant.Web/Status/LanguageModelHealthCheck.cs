using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Orchestration;

namespace RagAssistant.Web.Status;

/// <summary>
/// The language-model endpoint, when one is configured. Down with the extractive fallback on is degraded (answers still
/// come, from the abstracts' own sentences); down without it is unhealthy.
/// </summary>
public sealed class LanguageModelHealthCheck(ServiceReachability services, IOptions<AssistantOptions> assistant) : IHealthCheck
{
    public const string Name = "language_model";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var model = (await services.ProbeAsync(cancellationToken)).LanguageModel;
        var data = new Dictionary<string, object> { [nameof(Reachability)] = model };
        if (model.State != Reachability.Unreachable) return HealthCheckResult.Healthy(data: data);
        return assistant.Value.FallbackToExtractive
            ? HealthCheckResult.Degraded(model.Detail, data: data)
            : HealthCheckResult.Unhealthy(model.Detail, data: data);
    }
}
