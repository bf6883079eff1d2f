using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace RagAssistant.Web.Security;

/// <summary>
/// Describes the two ways to send the API key in the OpenAPI document, and requires one of them on every operation
/// when this server has a key configured, so generated clients send it.
/// </summary>
public sealed class ApiKeySecuritySchemeTransformer(IOptionsMonitor<ApiKeyOptions> options) : IOpenApiDocumentTransformer
{
    private const string HeaderScheme = "ApiKey";
    private const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.AddComponent<IOpenApiSecurityScheme>(HeaderScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "The key configured as Rag:ApiKey (environment: Rag__ApiKey).",
        });
        document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The same key as a bearer token: Authorization: Bearer <key>.",
        });
        if (!string.IsNullOrEmpty(options.CurrentValue.ApiKey))
        {
            // Two requirements mean "either one".
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            ];
        }
        return Task.CompletedTask;
    }
}
