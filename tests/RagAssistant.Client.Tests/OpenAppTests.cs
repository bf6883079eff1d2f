using System.Net;
using RagAssistant.Client.Tests.Hosting;

namespace RagAssistant.Client.Tests;

/// <summary>Without Rag:ApiKey the machine surfaces are open, as on a developer's machine.</summary>
public sealed class OpenAppTests(OpenApp app) : IClassFixture<OpenApp>
{
    private readonly RagAssistantHost _host = app.Host;

    [Theory]
    [InlineData(Surface.Api)]
    [InlineData(Surface.Mcp)]
    [InlineData(Surface.Hub)]
    public async Task Each_surface_answers_200_without_a_key(string surface)
    {
        using var http = _host.CreateAnonymousClient();

        using var response = await http.SendAsync(Surface.Request(surface));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_requires_no_key()
    {
        using var http = _host.CreateAnonymousClient();

        var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.False(document.TryGetProperty("security", out _));
    }
}

/// <summary>An app without a key and without sample papers: it is about access, not answers, so it skips indexing.</summary>
public sealed class OpenApp : IAsyncLifetime
{
    public RagAssistantHost Host { get; } = new(apiKey: null, withSamples: false);

    public Task InitializeAsync() => Host.StartAsync();

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}
