using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Contracts;
using static RagAssistant.Tests.ScriptedChatServer;

namespace RagAssistant.Web.Tests.Hosting;

/// <summary>
/// An operator's console at the shipped log levels (the Web project's <c>appsettings.json</c>) stays quiet while the app
/// answers: nothing is logged per answer, whichever writer answers — the extractive writer, a language model called
/// through Semantic Kernel's prompt functions (which log their invocations at Information under their own names), or the
/// agent mode's tool calls.
/// </summary>
public sealed class AnswerLoggingTests
{
    private const string Question = "Which neural networks emulate atmospheric CO2 transport?";

    [Theory]
    [InlineData("extractive", "single")]
    [InlineData("openai", "single")]
    [InlineData("openai", "agent")]
    public async Task Answers_write_nothing_to_the_log_at_the_shipped_levels(string provider, string mode)
    {
        var logs = new CapturedLogs();
        await using var model = new ScriptedChatServer((_, request) =>
            mode == "agent" && request.ToolResults.Count == 0
                ? new ToolCalls(new ToolCall("papers-search_papers", JsonSerializer.Serialize(new { query = "neural network emulators of CO2 transport" })))
                : new Answer("Neural networks emulate atmospheric CO2 transport [1]."));
        await using var app = new RagAppHost(localEmbeddings: false, services: logs.AddAtConfiguredLevels, settings: new Dictionary<string, string?>
        {
            ["Chat:Provider"] = provider,
            ["Chat:Mode"] = mode,
            ["Chat:Model"] = "scripted",
            ["Chat:Endpoint"] = model.Endpoint,
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await AskAsync(http); // what is logged once, on first use, is not per answer
        var before = logs.Entries.Count;

        for (var i = 0; i < 3; i++) await AskAsync(http);

        Assert.Empty(logs.Entries.Skip(before));
        if (provider == "openai") Assert.NotEmpty(model.Requests); // the model really wrote these answers
    }

    private static async Task AskAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/ask", new { question = Question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<AnswerResponse>(WireJson.Options);
        Assert.NotEmpty(answer!.Answer);
    }
}
