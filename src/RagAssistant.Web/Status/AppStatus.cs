using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RagAssistant.Web.Status;

/// <summary>The health checks (store, embedding model, language model, Redis when shared) and /health, whose JSON stays the <see cref="StatusReport"/> it always was.</summary>
public static class AppStatus
{
    public const string Path = "/health";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IServiceCollection AddAppStatus(this IServiceCollection services)
    {
        services.AddHttpClient(ServiceReachability.HttpClientName);
        services.AddSingleton<ServiceReachability>();
        services.AddSingleton<AppDescription>();
        services.AddSingleton<StatusReader>();
        services.TryAddSingleton(TimeProvider.System);
        // A singleton, unlike the other checks: it keeps its last probe so that polling /health does not embed each time.
        services.AddSingleton<EmbeddingModelHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>(StoreHealthCheck.Name)
            .AddCheck<EmbeddingModelHealthCheck>(EmbeddingModelHealthCheck.Name)
            .AddCheck<LanguageModelHealthCheck>(LanguageModelHealthCheck.Name)
            .AddCheck<RedisHealthCheck>(RedisHealthCheck.Name);
        return services;
    }

    public static IEndpointConventionBuilder MapAppStatus(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync }).ExcludeFromDescription();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var status = context.RequestServices.GetRequiredService<StatusReader>().Describe(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, status, Json, context.RequestAborted);
    }
}
