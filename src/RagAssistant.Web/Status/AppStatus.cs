using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagAssistant.Contracts;
using RagAssistant.Web.Callers;

namespace RagAssistant.Web.Status;

/// <summary>
/// The health checks (store, embedding model, language model, Redis when shared) and /health: the whole
/// <see cref="StatusReport"/> for a signed-in caller or one on this machine (probes, the operator, a balancer on
/// loopback), only its <c>status</c> for anyone else — the store's address and the model tell an outsider where to aim.
/// The HTTP status (200 or 503) is the same for both.
/// </summary>
public static class AppStatus
{
    public const string Path = "/health";

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
        object body = MaySeeDetails(context) ? status : new { status.Status };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, WireJson.Options, context.RequestAborted);
    }

    /// <summary>Behind a reverse proxy the address is the client's only with forwarded headers enabled (<see cref="Security.TransportSecurity"/>).</summary>
    private static bool MaySeeDetails(HttpContext context) =>
        Caller.SignedInUser(context.User) is not null
        || context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
