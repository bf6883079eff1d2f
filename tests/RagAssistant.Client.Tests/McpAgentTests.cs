using System.Text.Json;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Client;
using RagAssistant.Client.Tests.Hosting;

namespace RagAssistant.Client.Tests;

/// <summary>Another team's Semantic Kernel agent, using the running app's /mcp tools as kernel functions.</summary>
[Collection(GuardedAppCollection.Name)]
public sealed class McpAgentTests(GuardedApp app)
{
    private static readonly string[] ToolNames = ["search_papers", "get_paper", "ask", "summarize_literature"];

    public static async Task<McpClient> ConnectAsync(RagAssistantHost host, string? apiKey)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = new Uri(host.BaseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = apiKey is null ? null : new Dictionary<string, string> { ["X-Api-Key"] = apiKey },
        };
        return await McpClient.CreateAsync(new HttpClientTransport(options));
    }

    [Fact]
    public async Task A_kernel_finds_the_CO2_paper_and_gets_a_cited_answer_through_the_mcp_tools()
    {
        await using var mcp = await ConnectAsync(app.Host, GuardedApp.Key);
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("rag", (await mcp.ListToolsAsync()).Select(tool => tool.AsKernelFunction()));

        var found = await kernel.InvokeAsync("rag", "search_papers", new KernelArguments { ["query"] = SampleCorpus.Co2Query, ["top"] = 3 });
        var results = Structured(found).GetProperty("results").EnumerateArray().ToList();
        Assert.InRange(results.Count, 1, 3);
        Assert.StartsWith(SampleCorpus.Co2TitleStart, results[0].GetProperty("title").GetString());
        Assert.Equal(SampleCorpus.Co2Date, results[0].GetProperty("date").GetString());
        Assert.StartsWith("hf-", results[0].GetProperty("paper_id").GetString());

        var asked = await kernel.InvokeAsync("rag", "ask", new KernelArguments { ["question"] = SampleCorpus.Co2Question });
        var answer = Structured(asked);
        Assert.True(answer.GetProperty("covered").GetBoolean());
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        Assert.Contains(citations, citation => citation.GetProperty("title").GetString()!.StartsWith(SampleCorpus.Co2TitleStart, StringComparison.Ordinal));
        var markers = CitedAnswer.MarkersIn(answer.GetProperty("answer").GetString()!);
        Assert.NotEmpty(markers);
        Assert.Equal(markers, citations.Select(citation => citation.GetProperty("n").GetInt32()).ToHashSet());
    }

    [Fact]
    public async Task Every_tool_has_a_description_an_input_schema_and_an_output_schema()
    {
        await using var mcp = await ConnectAsync(app.Host, GuardedApp.Key);
        var tools = await mcp.ListToolsAsync();

        Assert.Equal(ToolNames.Order(), tools.Select(tool => tool.Name).Order());
        foreach (var tool in tools)
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            Assert.NotEmpty(tool.JsonSchema.GetProperty("required").EnumerateArray());
            Assert.Equal("object", tool.ReturnJsonSchema?.GetProperty("type").GetString());
        }
        var ask = tools.Single(tool => tool.Name == "ask");
        Assert.Equal(["question"], ask.JsonSchema.GetProperty("required").EnumerateArray().Select(name => name.GetString()));
        Assert.True(ask.ReturnJsonSchema!.Value.GetProperty("properties").TryGetProperty("citations", out _));
    }

    [Fact]
    public async Task Summarize_literature_returns_a_cited_summary_as_structured_content()
    {
        await using var mcp = await ConnectAsync(app.Host, GuardedApp.Key);

        var result = await mcp.CallToolAsync("summarize_literature", new Dictionary<string, object?> { ["topic"] = "neural networks for atmospheric CO2 transport" });

        Assert.NotEqual(true, result.IsError);
        var summary = Assert.IsType<JsonElement>(JsonSerializer.SerializeToElement(result.StructuredContent));
        Assert.Equal("summary", summary.GetProperty("kind").GetString());
        var cited = summary.GetProperty("citations").EnumerateArray().Select(citation => citation.GetProperty("n").GetInt32()).ToHashSet();
        Assert.NotEmpty(cited);
        Assert.Equal(CitedAnswer.MarkersIn(summary.GetProperty("answer").GetString()!), cited);
    }

    [Fact]
    public async Task Get_paper_returns_the_whole_abstract_and_reports_an_unknown_id_as_a_tool_error()
    {
        await using var mcp = await ConnectAsync(app.Host, GuardedApp.Key);
        var hit = await mcp.CallToolAsync("search_papers", new Dictionary<string, object?> { ["query"] = SampleCorpus.Co2Query, ["top"] = 1 });
        var paperId = JsonSerializer.SerializeToElement(hit.StructuredContent).GetProperty("results")[0].GetProperty("paper_id").GetString();

        var paper = await mcp.CallToolAsync("get_paper", new Dictionary<string, object?> { ["paper_id"] = paperId });
        var unknown = await mcp.CallToolAsync("get_paper", new Dictionary<string, object?> { ["paper_id"] = "hf-0000000000000000" });

        var details = JsonSerializer.SerializeToElement(paper.StructuredContent);
        Assert.Equal(paperId, details.GetProperty("paper_id").GetString());
        Assert.Contains("CarbonBench", details.GetProperty("abstract").GetString());
        Assert.True(unknown.IsError);
        Assert.Contains("hf-0000000000000000", Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(Assert.Single(unknown.Content)).Text);
    }

    /// <summary>
    /// An MCP tool turned kernel function returns the whole tool result as JSON: the text content a model reads and the
    /// structured content a program reads.
    /// </summary>
    private static JsonElement Structured(FunctionResult result)
    {
        var toolResult = Assert.IsType<JsonElement>(result.GetValue<object>());
        Assert.False(toolResult.TryGetProperty("isError", out var isError) && isError.GetBoolean(), toolResult.ToString());
        Assert.Contains(toolResult.GetProperty("content").EnumerateArray(), block => block.GetProperty("type").GetString() == "text");
        return toolResult.GetProperty("structuredContent");
    }
}
