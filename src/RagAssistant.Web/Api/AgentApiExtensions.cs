using RagAssistant.Web.Mcp;
using RagAssistant.Web.Security;

namespace RagAssistant.Web.Api;

/// <summary>The one wiring place of the machine surfaces: REST under /api with its OpenAPI document and MCP at /mcp, each behind the API key and the rate limit.</summary>
public static class AgentApiExtensions
{
    public static WebApplicationBuilder AddAgentApi(this WebApplicationBuilder builder)
    {
        // Validation errors and refusals are RFC 7807 problem details; registering twice is harmless.
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(options =>
        {
            // The document describes the API for agents, not the chat page, /health or the MCP endpoint.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>();
        });
        builder.Services.AddPapersMcpServer();
        builder.AddApiKeyAuthentication();
        builder.AddMachineSurfaceRateLimits();
        return builder;
    }

    /// <summary>
    /// Maps /api/* and /mcp, which need <c>Rag:ApiKey</c> when it is set (<see cref="ApiKeyAuthentication"/>) and share one
    /// rate limit per client; /openapi/v1.json stays open.
    /// </summary>
    public static WebApplication MapAgentApi(this WebApplication app)
    {
        app.MapGroup("/api")
            .RequireAuthorization(ApiKeyAuthentication.Policy)
            .RequireRateLimiting(RateLimitingExtensions.Policy)
            .MapsStoreOutageTo503()
            .WithTags("Papers")
            .MapSearchEndpoints()
            .MapPaperEndpoints()
            .MapAskEndpoints()
            .MapIndexStatusEndpoints()
            .MapConversationEndpoints();
        app.MapOpenApi();
        app.MapMcp("/mcp")
            .RequireAuthorization(ApiKeyAuthentication.Policy)
            .RequireRateLimiting(RateLimitingExtensions.Policy);
        return app;
    }
}
