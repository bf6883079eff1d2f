using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Client.Tests.Hosting;

namespace RagAssistant.Client.Tests;

/// <summary>/openapi/v1.json against the endpoints the app really maps under /api.</summary>
[Collection(GuardedAppCollection.Name)]
public sealed class OpenApiDocumentTests(GuardedApp app)
{
    private async Task<JsonElement> DocumentAsync()
    {
        // Fetched without the key: the document is public, so a team can read the API before it has a key.
        using var http = app.Host.CreateAnonymousClient();
        using var response = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_document_lists_exactly_the_api_endpoints_the_app_maps()
    {
        var document = await DocumentAsync();

        var mapped = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method.ToLowerInvariant()} {endpoint.RoutePattern.RawText}"))
            .Order()
            .ToList();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name} {path.Name}"))
            .Order()
            .ToList();

        Assert.Equal(["delete /api/conversations/{conversationId}", "get /api/conversations", "get /api/conversations/{conversationId}", "get /api/index/status", "get /api/papers/{paperId}", "get /api/search", "post /api/ask", "post /api/ask/stream"], mapped);
        Assert.Equal(mapped, documented);
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_success_schema_and_its_parameters_or_body_described()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var where = $"{operation.Name} {path.Name}";
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("operationId").GetString()), where);
                if (operation.Name == "delete")
                {
                    // A deletion answers 204 with no body.
                    Assert.True(operation.Value.GetProperty("responses").TryGetProperty("204", out _), where);
                    continue;
                }
                var success = operation.Value.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Single();
                var reference = success.Value.GetProperty("schema").GetProperty("$ref").GetString()!;
                Assert.True(schemas.TryGetProperty(reference.Split('/')[^1], out _), $"{where}: {reference}");
                if (operation.Name == "post")
                {
                    var body = operation.Value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
                    Assert.Equal("#/components/schemas/AskRequest", body.GetProperty("$ref").GetString());
                }
            }
        }
        Assert.Equal("text/event-stream", document.GetProperty("paths").GetProperty("/api/ask/stream").GetProperty("post")
            .GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task The_schemas_use_the_snake_case_wire_names_and_declare_validation_problems()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var paths = document.GetProperty("paths");

        Assert.Equal(
            ["paper_id", "title", "date", "score", "snippet"],
            schemas.GetProperty("SearchResult").GetProperty("properties").EnumerateObject().Select(property => property.Name));
        Assert.True(schemas.GetProperty("AnswerResponse").GetProperty("properties").TryGetProperty("citations", out _));
        Assert.True(paths.GetProperty("/api/ask").GetProperty("post").GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(paths.GetProperty("/api/search").GetProperty("get").GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(paths.GetProperty("/api/papers/{paperId}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public async Task The_document_says_how_to_send_the_key_this_server_requires()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
    }
}
