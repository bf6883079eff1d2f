using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using RagAssistant.Contracts;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Orchestration.Plugins;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Api;

namespace RagAssistant.Web.Mcp;

/// <summary>
/// The MCP tools that read the paper index. Results are structured content in the same snake_case shapes as
/// <c>GET /api/search</c> and <c>GET /api/papers/{id}</c>, so an agent can switch surfaces without new parsing.
/// </summary>
[McpServerToolType]
public sealed class PaperTools(PapersPlugin papers)
{
    [McpServerTool(Name = PaperToolDescriptions.SearchPapersName, Title = "Search research papers", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description(PaperToolDescriptions.SearchPapers)]
    public async Task<SearchResponse> SearchPapersAsync(
        [Description(PaperToolDescriptions.Query)] string query,
        [Description(PaperToolDescriptions.Top)] int top = 5,
        [Description(PaperToolDescriptions.FromDate)] DateOnly? from_date = null,
        [Description(PaperToolDescriptions.ToDate)] DateOnly? to_date = null,
        CancellationToken cancellationToken = default)
    {
        // Checked before anything is embedded: a megabyte of query is refused at once, in the words REST uses.
        if (QuestionText.Problem(query, "query") is { } problem) throw new McpException(problem);
        var text = QuestionText.Normalise(query);
        return await StoreOutage.ForMcpAsync(() => papers.SearchAsync(text, top, from_date, to_date, cancellationToken));
    }

    [McpServerTool(Name = PaperToolDescriptions.GetPaperName, Title = "Get a research paper", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description(PaperToolDescriptions.GetPaper)]
    public async Task<PaperDetails> GetPaperAsync(
        [Description(PaperToolDescriptions.PaperId)] string paper_id,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(paper_id)) throw new McpException("paper_id is empty.");
        // No stored paper has a longer id (ingestion refuses them), and the refusal should not echo a megabyte back.
        if (paper_id.Length > PaperLimits.MaxIdLength) throw new McpException($"paper_id is longer than {PaperLimits.MaxIdLength} characters; no paper has such an id.");
        return await StoreOutage.ForMcpAsync(() => papers.GetPaperAsync(paper_id, cancellationToken))
            ?? throw new McpException($"No indexed paper has the id \"{paper_id.Trim()}\"; take ids from search_papers.");
    }
}
