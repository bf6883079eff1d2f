using System.Globalization;
using RagAssistant.Contracts;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval;

/// <summary>A paper found by a search, with the sentence of its abstract that best matches the question.</summary>
public sealed record SearchHit(Paper Paper, double Score, string Snippet)
{
    /// <summary>As every surface returns it (REST, MCP, the kernel's <c>search_papers</c>, <c>rag search --json</c>).</summary>
    public SearchResult ToResult() =>
        new(Paper.Id, Paper.Title, Paper.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Math.Round(Score, 6), Snippet);
}
