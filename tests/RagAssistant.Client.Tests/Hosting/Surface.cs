using System.Text;

namespace RagAssistant.Client.Tests.Hosting;

/// <summary>One cheap request to each machine surface the API key guards.</summary>
public static class Surface
{
    public const string Api = "api";
    public const string Mcp = "mcp";
    public const string Hub = "hub";

    public static HttpRequestMessage Request(string surface, string query = "") => surface switch
    {
        Api => new HttpRequestMessage(HttpMethod.Get, "/api/index/status" + query),
        Mcp => McpToolsList(query),
        // SignalR's first request: every hub connection starts with it, whatever the transport.
        Hub => new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1" + query.Replace('?', '&')),
        _ => throw new ArgumentOutOfRangeException(nameof(surface), surface, null),
    };

    private static HttpRequestMessage McpToolsList(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp" + query)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }
}
