using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Qdrant.Tests.Server;
using RagAssistant.Reliability.Tests.Support;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Faults;

/// <summary>
/// The store going down under a running app (the real Qdrant server stopped after the app indexed into it): search,
/// a paper by id and the MCP search tools say so — 503 with the reason on REST, a tool error on MCP — not a 500.
/// </summary>
public sealed class StoreOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Rest_search_and_get_paper_answer_503_and_the_mcp_tools_a_tool_error_naming_the_store()
    {
        var node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());
        try
        {
            await using var app = new RagAppHost(localEmbeddings: false, settings: new Dictionary<string, string?>
            {
                ["Rag:Store"] = "qdrant",
                ["Qdrant:Url"] = node.Url,
                // Short retries, so that "unreachable" is decided in seconds; the defaults are for real deployments.
                ["Qdrant:MaxRetries"] = "1",
                ["Qdrant:RetryDelay"] = "00:00:00.100",
                ["Qdrant:AttemptTimeout"] = "00:00:02",
            });
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            await node.StopAsync();

            foreach (var path in new[] { "/api/search?q=neural%20networks", "/api/papers/hf-anything" })
            {
                using var response = await http.GetAsync(path);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                output.WriteLine($"{path}: {(int)response.StatusCode} {problem}");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("The paper store is unreachable", problem.GetProperty("title").GetString());
                Assert.Contains(node.Url, problem.GetProperty("detail").GetString());
            }

            await using var mcp = await McpSession.ConnectAsync(app.BaseAddress);
            foreach (var (tool, arguments) in new (string, Dictionary<string, object?>)[]
            {
                ("search_papers", new() { ["query"] = "neural networks" }),
                ("get_paper", new() { ["paper_id"] = "hf-anything" }),
            })
            {
                var result = await mcp.CallToolAsync(tool, arguments);
                var text = McpSession.TextOf(result);
                output.WriteLine($"{tool}: {text}");
                Assert.True(result.IsError);
                Assert.Contains("The paper store is unreachable", text);
                Assert.Contains(node.Url, text);
            }
        }
        finally
        {
            await node.DisposeAsync();
            node.DeleteFiles();
        }
    }
}
