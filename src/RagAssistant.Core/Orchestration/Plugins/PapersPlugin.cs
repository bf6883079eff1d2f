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

    [KernelFunction(PaperToolDescriptions.SearchPapersName)]
    [Description(PaperToolDescriptions.SearchPapers)]
    public async Task<IReadOnlyList<SearchResult>> SearchPapersAsync(
        [Description(PaperToolDescriptions.Query)] string query,
        [Description(PaperToolDescriptions.Top)] int top = 5,
        [Description(PaperToolDescriptions.FromDate)] string? from_date = null,
        [Description(PaperToolDescriptions.ToDate)] string? to_date = null,
        CancellationToken cancellationToken = default) =>
        (await SearchAsync(query, top, ParseDate(from_date, nameof(from_date)), ParseDate(to_date, nameof(to_date)), cancellationToken)).Results;

    /// <summary>
    /// The one search behind every <c>search_papers</c> the server offers (this kernel function and the MCP tool): the
    /// default, re-ranked order, at most <see cref="PaperToolDescriptions.MaxTop"/> papers.
    /// </summary>
    public async Task<SearchResponse> SearchAsync(string query, int top, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        (await search.SearchAsync(query, Math.Clamp(top, 1, PaperToolDescriptions.MaxTop), SearchMode.Reranked, from, to, cancellationToken)).ToResponse();

    [KernelFunction(PaperToolDescriptions.GetPaperName)]
    [Description(PaperToolDescriptions.GetPaper)]
    public async Task<PaperDetails?> GetPaperAsync(
        [Description(PaperToolDescriptions.PaperId)] string paper_id,
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
