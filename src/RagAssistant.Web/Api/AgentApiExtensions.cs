using RagAssistant.Web.Mcp;
using RagAssistant.Web.Security;

namespace RagAssistant.Web.Api;

/// <summary>The one wiring place of the machine surfaces: REST under /api with its OpenAPI document and MCP at /mcp, each behind sign-in and the rate limit.</summary>
public static class AgentApiExtensions
{
    public static WebApplicationBuilder AddAgentApi(this WebApplicationBuilder builder)
    {
        // Validation errors and refusals are RFC 7807 problem details; registering twice is harmless.
        builder.Services.AddProblemDetails();
        builder.Services.AddFieldProblems();
        builder.Services.AddOpenApi(options =>
        {
            // The document describes the API for agents, not the chat page, /health or the MCP endpoint.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>();
        });
        builder.Services.AddPapersMcpServer();
        builder.AddMachineSurfaceRateLimits();
        return builder;
    }

    /// <summary>
    /// Maps /api/* and /mcp, which need a signed-in caller when the server is protected (<see cref="SignInExtensions"/>) and
    /// share one rate limit per client; /openapi/v1.json stays open so that clients can be generated before signing in.
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
        app.MapOpenApi().AllowAnonymous();
        app.MapMcp("/mcp")
            .RequireAuthorization(ApiKeyAuthentication.Policy)
            .RequireRateLimiting(RateLimitingExtensions.Policy);
        return app;
    }
}
