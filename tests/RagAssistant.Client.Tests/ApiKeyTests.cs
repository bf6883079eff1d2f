using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Connections;
using RagAssistant.Client.Chat;
using RagAssistant.Client.Tests.Hosting;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Tests;

/// <summary>With Rag:ApiKey set, /api, /mcp and /hubs/chat answer 401 without the key and 200 with it.</summary>
[Collection(GuardedAppCollection.Name)]
public sealed class ApiKeyTests(GuardedApp app)
{
    [Theory]
    [InlineData(Surface.Api)]
    [InlineData(Surface.Mcp)]
    [InlineData(Surface.Hub)]
    public async Task Without_the_key_each_surface_answers_401_with_a_problem(string surface)
    {
        using var http = app.Host.CreateAnonymousClient();

        using var response = await http.SendAsync(Surface.Request(surface));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData(Surface.Api)]
    [InlineData(Surface.Mcp)]
    [InlineData(Surface.Hub)]
    public async Task A_wrong_key_is_401_too(string surface)
    {
        using var http = app.Host.CreateAnonymousClient();
        var request = Surface.Request(surface);
        request.Headers.Add("X-Api-Key", GuardedApp.Key + "x");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Surface.Api)]
    [InlineData(Surface.Mcp)]
    [InlineData(Surface.Hub)]
    public async Task With_the_key_in_X_Api_Key_each_surface_answers_200(string surface)
    {
        using var http = app.Host.CreateAnonymousClient();
        var request = Surface.Request(surface);
        request.Headers.Add("X-Api-Key", GuardedApp.Key);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(Surface.Api)]
    [InlineData(Surface.Mcp)]
    [InlineData(Surface.Hub)]
    public async Task With_the_key_as_a_bearer_token_each_surface_answers_200(string surface)
    {
        using var http = app.Host.CreateAnonymousClient();
        var request = Surface.Request(surface);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GuardedApp.Key);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(Surface.Hub, HttpStatusCode.OK)]
    [InlineData(Surface.Api, HttpStatusCode.Unauthorized)]
    [InlineData(Surface.Mcp, HttpStatusCode.Unauthorized)]
    public async Task The_access_token_query_is_accepted_only_by_the_hub(string surface, HttpStatusCode expected)
    {
        using var http = app.Host.CreateAnonymousClient();

        // Browsers cannot set headers on a WebSocket, so SignalR sends the token in the query; elsewhere a key in a URL would end up in logs.
        using var response = await http.SendAsync(Surface.Request(surface, "?access_token=" + GuardedApp.Key));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_chat_page_health_and_openapi_document_stay_open()
    {
        using var http = app.Host.CreateAnonymousClient();

        foreach (var path in new[] { "/", "/health", "/openapi/v1.json" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_mcp_client_is_refused_without_the_key()
    {
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(async () =>
        {
            await using var mcp = await McpAgentTests.ConnectAsync(app.Host, apiKey: null);
            await mcp.ListToolsAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_rest_client_is_refused_without_the_key()
    {
        using var client = new RagAssistantClient(new RagAssistantClientOptions { BaseAddress = app.Host.BaseAddress });

        var refused = await Assert.ThrowsAsync<RagAssistantException>(() => client.SearchAsync(SampleCorpus.Co2Query));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_hub_client_is_refused_without_the_key()
    {
        await using var chat = new RagAssistantChatClient(new RagAssistantClientOptions { BaseAddress = app.Host.BaseAddress });

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => chat.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_hub_client_with_the_key_streams_over_websockets()
    {
        await using var chat = new RagAssistantChatClient(app.Host.ClientOptionsWithKey, connection =>
        {
            connection.Transports = HttpTransportType.WebSockets;
            connection.SkipNegotiation = true;
        });

        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in chat.AskAsync(RagAssistantChatClient.NewConversationId(), SampleCorpus.Co2Question)) events.Add(answerEvent);

        Assert.IsType<SourcesEvent>(events[0]);
        Assert.IsType<DoneEvent>(events[^1]);
    }
}
