using RagAssistant.Web.Mcp;
using RagAssistant.Web.Security;

namespace RagAssistant.Web.Api;

/// <summary>The one wiring place of the machine surfaces: REST under /api with its OpenAPI document, MCP at /mcp, and the API key guard.</summary>
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
        return builder;
    }

    /// <summary>
    /// Maps /api/*, /openapi/v1.json and /mcp, and guards /api, /mcp and /hubs/chat with <c>Rag:ApiKey</c> when it is set
    /// (see <see cref="ApiKeyGuard"/>).
    /// </summary>
    public static WebApplication MapAgentApi(this WebApplication app)
    {
        app.UseApiKeyGuard();
        app.MapGroup("/api")
            .WithTags("Papers")
            .MapSearchEndpoints()
            .MapPaperEndpoints()
            .MapAskEndpoints()
            .MapIndexStatusEndpoints();
        app.MapOpenApi();
        app.MapMcp("/mcp");
        return app;
    }
}
