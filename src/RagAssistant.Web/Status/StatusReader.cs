using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagAssistant.Web.Indexing;

namespace RagAssistant.Web.Status;

/// <summary>Runs the health checks and words their verdict as a <see cref="StatusReport"/>, for /health and the page footer alike.</summary>
public sealed class StatusReader(HealthCheckService checks, AppDescription app, IndexReadiness status)
{
    public async Task<StatusReport> CheckAsync(CancellationToken cancellationToken = default) =>
        Describe(await checks.CheckHealthAsync(cancellationToken));

    public StatusReport Describe(HealthReport report) => StatusReport.From(report, app, status);
}
