using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration.Plugins;

/// <summary>
/// The paper index as Semantic Kernel functions, for a model with function calling and for other agents
/// (MCP). Descriptions are written for a model to read. Parameter names are snake_case because they are
/// the names a model sees.
/// </summary>
public sealed class PapersPlugin(PaperSearch search, IPaperIndex index)
{
    public const string PluginName = "papers";
    public const int MaxTop = 20;

    [KernelFunction("search_papers")]
    [Description("Searches the indexed research papers (titles and abstracts) with hybrid keyword and semantic search. " +
                 "Returns the best matches, most relevant first, each with its paper_id, title, date and the passage that matched. " +
                 "Use get_paper with a paper_id to read a whole abstract.")]
    public async Task<IReadOnlyList<PaperMatch>> SearchPapersAsync(
        [Description("What to look for, in plain words, e.g. 'neural network emulators of atmospheric CO2 transport'.")] string query,
        [Description("How many papers to return, 1 to 20.")] int top = 5,
        [Description("Only papers dated on or after this day, as yyyy-mm-dd; omit for no lower bound.")] string? from_date = null,
        [Description("Only papers dated on or before this day, as yyyy-mm-dd; omit for no upper bound.")] string? to_date = null,
        CancellationToken cancellationToken = default)
    {
        var hits = await search.SearchAsync(query, Math.Clamp(top, 1, MaxTop), SearchMode.Hybrid, ParseDate(from_date, nameof(from_date)), ParseDate(to_date, nameof(to_date)), cancellationToken);
        return [.. hits.Select(hit => new PaperMatch(hit.Paper.Id, hit.Paper.Title, Format(hit.Paper.Date), Math.Round(hit.Score, 6), hit.Snippet))];
    }

    [KernelFunction("get_paper")]
    [Description("Returns one indexed paper by its paper_id (as given by search_papers): title, full abstract, date, number of authors, upvotes and URL. Returns null when no paper has that id.")]
    public async Task<PaperDetails?> GetPaperAsync(
        [Description("The paper_id from a search_papers result.")] string paper_id,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paper_id);
        return await index.GetPaperAsync(paper_id.Trim(), cancellationToken) is { } paper ? Details(paper) : null;
    }

    private static PaperDetails Details(Paper paper) =>
        new(paper.Id, paper.Title, paper.Abstract, Format(paper.Date), paper.AuthorCount, paper.Upvotes, paper.Url);

    private static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ArgumentException($"{name} must be a date as yyyy-mm-dd, not \"{text}\".", name);
}
