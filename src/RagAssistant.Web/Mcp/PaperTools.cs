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
public sealed class PaperTools(PaperSearch search, PapersPlugin papers)
{
    public const int MaxTop = 20;

    [McpServerTool(Name = "search_papers", Title = "Search research papers", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Searches the indexed research papers (titles and abstracts) with hybrid keyword and semantic search. " +
                 "Returns the best matches, most relevant first, each with its paper_id, title, date (yyyy-mm-dd or null), score and the passage that matched. " +
                 "Use get_paper with a paper_id to read the whole abstract, or ask for a cited answer.")]
    public async Task<SearchResponse> SearchPapersAsync(
        [Description("What to look for, in plain words, e.g. 'neural network emulators of atmospheric CO2 transport'.")] string query,
        [Description("How many papers to return, 1 to 20; default 5.")] int top = 5,
        [Description("Only papers dated on or after this day, as yyyy-mm-dd; omit for no lower bound.")] DateOnly? from_date = null,
        [Description("Only papers dated on or before this day, as yyyy-mm-dd; omit for no upper bound.")] DateOnly? to_date = null,
        CancellationToken cancellationToken = default)
    {
        // Checked before anything is embedded: a megabyte of query is refused at once, in the words REST uses.
        if (QuestionLimit.Problem(query, "query") is { } problem) throw new McpException(problem);
        var hits = await StoreOutage.ForMcpAsync(() => search.SearchAsync(query, Math.Clamp(top, 1, MaxTop), SearchMode.Hybrid, from_date, to_date, cancellationToken));
        return new SearchResponse([.. hits.Select(hit => new SearchResult(
            hit.Paper.Id,
            hit.Paper.Title,
            hit.Paper.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Math.Round(hit.Score, 6),
            hit.Snippet))]);
    }

    [McpServerTool(Name = "get_paper", Title = "Get a research paper", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Returns one indexed paper by its paper_id (from search_papers or the citations of ask): title, whole abstract, " +
                 "date, number of authors, upvotes and URL. Fails when no paper has that id.")]
    public async Task<PaperDetails> GetPaperAsync(
        [Description("The paper_id of a search_papers result or of a citation.")] string paper_id,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(paper_id)) throw new McpException("paper_id is empty.");
        // No stored paper has a longer id (ingestion refuses them), and the refusal should not echo a megabyte back.
        if (paper_id.Length > PaperLimits.MaxIdLength) throw new McpException($"paper_id is longer than {PaperLimits.MaxIdLength} characters; no paper has such an id.");
        return await StoreOutage.ForMcpAsync(() => papers.GetPaperAsync(paper_id, cancellationToken))
            ?? throw new McpException($"No indexed paper has the id \"{paper_id.Trim()}\"; take ids from search_papers.");
    }
}
