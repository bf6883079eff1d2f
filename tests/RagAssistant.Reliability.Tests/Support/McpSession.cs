using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace RagAssistant.Reliability.Tests.Support;

/// <summary>An MCP client of the running app's /mcp endpoint, as another agent would connect (no key: the app is open).</summary>
internal static class McpSession
{
    public static Task<McpClient> ConnectAsync(Uri baseAddress) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(baseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }));

    /// <summary>The text a calling model reads from a tool result (for a tool error, the reason).</summary>
    public static string TextOf(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
