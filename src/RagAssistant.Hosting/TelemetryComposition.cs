using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace RagAssistant.Hosting;

/// <summary>
/// Semantic Kernel's own traces (every kernel function: the answer steps, the paper tools, the prompts) and metrics,
/// exported through OpenTelemetry — only when <c>Telemetry:Otlp</c> (a collector's URL) or <c>Telemetry:Console</c> is set.
/// Off by default: nothing listens, so the instruments cost next to nothing.
/// </summary>
public static class TelemetryComposition
{
    public const string Section = "Telemetry";

    /// <summary>Semantic Kernel's ActivitySource and Meter names all start with this.</summary>
    public const string SemanticKernelSources = "Microsoft.SemanticKernel*";

    public static IHostApplicationBuilder AddRagTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = builder.Configuration[$"{Section}:Otlp"];
        var console = builder.Configuration.GetValue<bool>($"{Section}:Console");
        if (string.IsNullOrWhiteSpace(otlp) && !console) return builder;
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(otlp) && !Uri.TryCreate(otlp, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"{Section}:Otlp \"{otlp}\" is not an absolute URL (e.g. http://localhost:4317).");
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SemanticKernelSources);
                if (endpoint is not null) tracing.AddOtlpExporter(exporter => exporter.Endpoint = endpoint);
                if (console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SemanticKernelSources);
                if (endpoint is not null) metrics.AddOtlpExporter(exporter => exporter.Endpoint = endpoint);
                if (console) metrics.AddConsoleExporter();
            });
        return builder;
    }
}
