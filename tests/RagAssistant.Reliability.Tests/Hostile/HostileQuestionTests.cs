using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RagAssistant.Contracts;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;
using RagAssistant.Reliability.Tests.Support;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Hostile;

/// <summary>Oversize questions on every surface that takes one: refused with the limit in words, and the app keeps serving.</summary>
public sealed class HostileQuestionTests(SampleApp sample) : IClassFixture<SampleApp>
{
    private static readonly string TooLong = new('q', QuestionText.MaxLength + 1);

    private readonly RagAppHost _app = sample.App;

    [Fact]
    public async Task Rest_refuses_a_question_over_the_limit_with_a_problem_naming_it()
    {
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        foreach (var path in new[] { "/api/ask", "/api/ask/stream" })
        {
            using var response = await http.PostAsJsonAsync(path, new { question = TooLong });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal($"The question is longer than {QuestionText.MaxLength} characters.", problem.GetProperty("errors").GetProperty("question")[0].GetString());
        }
    }

    [Fact]
    public async Task Rest_search_refuses_a_query_over_the_limit_naming_q()
    {
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };

        using var response = await http.GetAsync($"/api/search?q={TooLong}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"The query is longer than {QuestionText.MaxLength} characters.", problem.GetProperty("errors").GetProperty("q")[0].GetString());
    }

    [Fact]
    public async Task A_megabyte_mcp_search_query_is_a_tool_error_and_the_next_search_is_answered()
    {
        await using var mcp = await McpSession.ConnectAsync(_app.BaseAddress);

        var refused = await mcp.CallToolAsync("search_papers", new Dictionary<string, object?> { ["query"] = new string('q', 1024 * 1024) });

        Assert.True(refused.IsError);
        Assert.Contains($"The query is longer than {QuestionText.MaxLength} characters.", McpSession.TextOf(refused));
        var next = await mcp.CallToolAsync("search_papers", new Dictionary<string, object?> { ["query"] = "neural networks for atmospheric CO2 transport" });
        Assert.NotEqual(true, next.IsError);
        Assert.NotEmpty(JsonSerializer.SerializeToElement(next.StructuredContent).GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task A_megabyte_mcp_paper_id_is_a_tool_error_that_does_not_echo_it()
    {
        await using var mcp = await McpSession.ConnectAsync(_app.BaseAddress);

        var refused = await mcp.CallToolAsync("get_paper", new Dictionary<string, object?> { ["paper_id"] = new string('p', 1024 * 1024) });

        Assert.True(refused.IsError);
        Assert.Contains($"paper_id is longer than {PaperLimits.MaxIdLength} characters", McpSession.TextOf(refused));
        Assert.InRange(McpSession.TextOf(refused).Length, 1, 500);
    }

    [Fact]
    public async Task The_hub_refuses_a_question_over_the_limit_and_accepts_one_at_it()
    {
        await using var hub = await HubClient.ConnectAsync(_app.BaseAddress);

        var refused = await Assert.ThrowsAsync<HubException>(() => HubClient.AskAsync(hub, "too-long", TooLong));
        Assert.Contains($"The question is longer than {QuestionText.MaxLength} characters.", refused.Message);

        var atLimit = await HubClient.AskAsync(hub, "at-limit", "neural networks " + new string('x', QuestionText.MaxLength - 16));
        Assert.IsType<DoneEvent>(atLimit[^1]);
    }

    [Fact]
    public async Task A_megabyte_message_to_the_hub_closes_only_that_connection()
    {
        await using var hostile = await HubClient.ConnectAsync(_app.BaseAddress);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hostile.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };

        // SignalR's 32 KB message limit applies before the hub sees the question.
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.AskAsync(hostile, "huge", new string('q', 1024 * 1024)));
        await closed.Task.WaitAsync(HubClient.HangGuard);

        await using var other = await HubClient.ConnectAsync(_app.BaseAddress);
        Assert.IsType<DoneEvent>((await HubClient.AskAsync(other, "after-huge", "neural networks for atmospheric CO2 transport"))[^1]);
        Assert.Equal(HubConnectionState.Disconnected, hostile.State);
    }
}
