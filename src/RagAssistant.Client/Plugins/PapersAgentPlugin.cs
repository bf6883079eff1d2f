using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Plugins;

/// <summary>
/// A remote RagAssistant server as Semantic Kernel functions:
/// <c>kernel.Plugins.AddFromObject(new PapersAgentPlugin(client), PapersAgentPlugin.PluginName)</c>. The descriptions are
/// written for a model to read; parameter names are snake_case because they are the names a model sees. Each call
/// is one REST request, so the server's API key and limits apply.
/// </summary>
public sealed class PapersAgentPlugin(RagAssistantClient client)
{
    /// <summary>The plugin name to register under.</summary>
    public const string PluginName = "papers";

    /// <summary>Searches the papers.</summary>
    /// <param name="query">What to look for.</param>
    /// <param name="top">How many papers, 1 to 20.</param>
    /// <param name="from_date">Lower date bound as yyyy-mm-dd, or null.</param>
    /// <param name="to_date">Upper date bound as yyyy-mm-dd, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [KernelFunction(PaperToolDescriptions.SearchPapersName)]
    [Description(PaperToolDescriptions.SearchPapers)]
    public async Task<IReadOnlyList<SearchResult>> SearchPapersAsync(
        [Description(PaperToolDescriptions.Query)] string query,
        [Description(PaperToolDescriptions.Top)] int top = 5,
        [Description(PaperToolDescriptions.FromDate)] string? from_date = null,
        [Description(PaperToolDescriptions.ToDate)] string? to_date = null,
        CancellationToken cancellationToken = default)
    {
        var found = await client.SearchAsync(query, Math.Clamp(top, 1, PaperToolDescriptions.MaxTop), SearchMode.Reranked,
            ParseDate(from_date, nameof(from_date)), ParseDate(to_date, nameof(to_date)), cancellationToken);
        return found.Results;
    }

    /// <summary>Reads one paper.</summary>
    /// <param name="paper_id">The id from a search result or citation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [KernelFunction(PaperToolDescriptions.GetPaperName)]
    [Description(PaperToolDescriptions.GetPaper)]
    public Task<PaperDetails?> GetPaperAsync(
        [Description(PaperToolDescriptions.PaperId)] string paper_id,
        CancellationToken cancellationToken = default) =>
        client.GetPaperAsync(paper_id, cancellationToken);

    /// <summary>Asks for a cited answer.</summary>
    /// <param name="question">The question.</param>
    /// <param name="from_date">Lower date bound as yyyy-mm-dd, or null.</param>
    /// <param name="to_date">Upper date bound as yyyy-mm-dd, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [KernelFunction("ask")]
    [Description("Answers a question from the indexed research papers only, citing them as [n]. " +
                 "Returns answer (text with [n] markers), citations (n, paper_id, title, verified) and sources (every numbered paper). " +
                 "covered is false when no indexed paper is relevant; the answer then says so and cites nothing.")]
    public Task<AnswerResponse> AskAsync(
        [Description("The question, in plain words, e.g. 'Which neural networks emulate atmospheric CO2 transport?'.")] string question,
        [Description(PaperToolDescriptions.FromDate)] string? from_date = null,
        [Description(PaperToolDescriptions.ToDate)] string? to_date = null,
        CancellationToken cancellationToken = default) =>
        client.AskAsync(new AskRequest(question, null, ParseDate(from_date, nameof(from_date)), ParseDate(to_date, nameof(to_date))), cancellationToken);

    /// <summary>Asks for a cited literature summary.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="from_date">Lower date bound as yyyy-mm-dd, or null.</param>
    /// <param name="to_date">Upper date bound as yyyy-mm-dd, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [KernelFunction("summarize_literature")]
    [Description("Writes a cited literature summary on a topic from the indexed research papers, grouped by theme, each statement cited as [n]. " +
                 "Returns the same fields as ask: answer, citations, sources, covered.")]
    public Task<AnswerResponse> SummarizeLiteratureAsync(
        [Description("The topic to summarize, e.g. 'uncertainty estimation for neural network potentials'.")] string topic,
        [Description(PaperToolDescriptions.FromDate)] string? from_date = null,
        [Description(PaperToolDescriptions.ToDate)] string? to_date = null,
        CancellationToken cancellationToken = default) =>
        client.AskAsync(new AskRequest(topic, AnswerKind.Summary, ParseDate(from_date, nameof(from_date)), ParseDate(to_date, nameof(to_date))), cancellationToken);

    private static DateOnly? ParseDate(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ArgumentException($"{name} must be a date as yyyy-mm-dd, not \"{text}\".", name);
}
