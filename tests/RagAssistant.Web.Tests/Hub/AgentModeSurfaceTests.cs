using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using ModelContextProtocol.Client;
using RagAssistant.Contracts;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Tests.Hosting;
using static RagAssistant.Tests.ScriptedChatServer;

namespace RagAssistant.Web.Tests.Hub;

/// <summary>
/// Agent mode (<c>Chat:Mode=agent</c>) in the real app on Kestrel, its model a scripted OpenAI-compatible server that
/// searches once through the <c>search_papers</c> tool and then cites the first paper it got back. The hub,
/// <c>POST /api/ask</c> and MCP's <c>ask</c> tool give the answer with checked citations of exactly that paper. (The page reads the same
/// ConversationService stream as the hub; its handling of growing sources is in ChatPageTests.)
/// </summary>
public sealed partial class AgentModeSurfaceTests : IAsyncLifetime
{
    private const string Question = "Which neural networks emulate atmospheric CO2 transport?";

    [GeneratedRegex(@"^\[(\d+)\] (.+) \(", RegexOptions.Multiline)]
    private static partial Regex NumberedTitle();

    private readonly ScriptedChatServer _model = new((n, request) =>
        request.ToolResults.Count == 0
            ? new ToolCalls(new ToolCall("papers-search_papers", JsonSerializer.Serialize(new { query = "neural network emulators of atmospheric CO2 transport" })))
            : Cite(request.ToolResults[^1]));

    private RagAppHost _app = default!;

    /// <summary>The model's answer: the first paper the search returned, by its title, cited with its number.</summary>
    private static Answer Cite(string toolResult)
    {
        var first = NumberedTitle().Match(toolResult);
        return new Answer($"{first.Groups[2].Value} [{first.Groups[1].Value}].");
    }

    public async Task InitializeAsync()
    {
        _app = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?>
        {
            ["Chat:Provider"] = "openai",
            ["Chat:Mode"] = "agent",
            ["Chat:Model"] = "scripted",
            ["Chat:Endpoint"] = _model.Endpoint,
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task The_hub_streams_sources_as_the_tool_finds_them_then_the_models_checked_citation()
    {
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, ChatHub.Path)).Build();
        await connection.StartAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in connection.StreamAsync<AnswerEvent>("Ask", Guid.NewGuid().ToString("N"), Question, null, guard.Token)) events.Add(answerEvent);

        var updates = events.OfType<SourcesEvent>().ToList();
        Assert.IsType<SourcesEvent>(events[0]);
        Assert.Empty(updates[0].Sources);
        var sources = updates[^1].Sources;
        Assert.NotEmpty(sources);
        var citation = Assert.Single(events.OfType<CitationEvent>());
        Assert.Equal(sources.Single(source => source.N == citation.N).PaperId, citation.PaperId);
        Assert.True(citation.Verified, citation.Reason);
        var done = Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal($"{sources.Single(source => source.N == citation.N).Title} [{citation.N}].", done.Answer);
    }

    [Fact]
    public async Task Rest_ask_returns_the_models_answer_citing_the_paper_search_papers_returned()
    {
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };

        using var response = await http.PostAsJsonAsync("/api/ask", new { question = Question });

        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var citation = Assert.Single(body["citations"]!.AsArray())!;
        var searched = _model.Requests.Last().ToolResults[^1];
        var first = NumberedTitle().Match(searched);
        Assert.Equal(first.Groups[1].Value, citation["n"]!.ToString());
        Assert.Equal(first.Groups[2].Value, citation["title"]!.GetValue<string>());
        Assert.True(citation["verified"]!.GetValue<bool>());
        Assert.Equal($"{first.Groups[2].Value} [{first.Groups[1].Value}].", body["answer"]!.GetValue<string>());
        Assert.Contains(body["sources"]!.AsArray(), source => source!["paper_id"]!.ToString() == citation["paper_id"]!.ToString());
    }

    [Fact]
    public async Task Mcp_ask_returns_the_models_answer_citing_the_paper_search_papers_returned()
    {
        await using var mcp = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_app.BaseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));

        var result = await mcp.CallToolAsync("ask", new Dictionary<string, object?> { ["question"] = Question });

        Assert.NotEqual(true, result.IsError);
        var body = JsonSerializer.SerializeToElement(result.StructuredContent);
        var first = NumberedTitle().Match(_model.Requests.Last().ToolResults[^1]);
        var citation = Assert.Single(body.GetProperty("citations").EnumerateArray());
        Assert.Equal(int.Parse(first.Groups[1].Value), citation.GetProperty("n").GetInt32());
        Assert.Equal(first.Groups[2].Value, citation.GetProperty("title").GetString());
        Assert.True(citation.GetProperty("verified").GetBoolean());
        Assert.Equal($"{first.Groups[2].Value} [{first.Groups[1].Value}].", body.GetProperty("answer").GetString());
        Assert.Contains(body.GetProperty("sources").EnumerateArray(),
            source => source.GetProperty("paper_id").GetString() == citation.GetProperty("paper_id").GetString());
        Assert.Equal(2, _model.Requests.Count); // one search, then the answer: the model, not the extractive writer, wrote it
    }
}
