using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;
using RagAssistant.Contracts;

namespace RagAssistant.Web.Mcp;

public static class McpServerExtensions
{
    /// <summary>snake_case like REST and the CLI, so structured content matches the documented JSON field for field.</summary>
    public static JsonSerializerOptions ToolJson { get; } = new(WireJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>
    /// The MCP server over streamable HTTP, stateless: every tool is a plain request/response, so no session needs to
    /// survive between calls and any instance behind a load balancer can answer.
    /// </summary>
    public static IServiceCollection AddPapersMcpServer(this IServiceCollection services)
    {
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "rag-assistant", Title = "RagAssistant research papers", Version = "1.0.0" };
                options.ServerInstructions =
                    "Tools over an index of research-paper abstracts. Use search_papers to find papers, get_paper to read one, " +
                    "ask for a cited answer and summarize_literature for a cited overview of a topic. Quote citations as the [n] markers with their paper_id.";
            })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools<PaperTools>(ToolJson)
            .WithTools<AnswerTools>(ToolJson);
        return services;
    }
}
