using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Plugins;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Writers.LanguageModel;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration.Agent;

/// <summary>
/// Citation bookkeeping for one agent-mode answer, as a Semantic Kernel filter: every paper the model's tools return —
/// what <c>search_papers</c> and <c>get_paper</c> found — is entered in the answer's <see cref="SourceLedger"/> and
/// gets its number there, once. A model is handed the numbered papers as a
/// sources block (the same block the single-shot prompt reads), so the only numbers it can cite are the ledger's.
/// </summary>
public sealed class SourceBookkeeping(SourceLedger ledger, IPaperIndex index) : IFunctionInvocationFilter
{
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        await next(context);
        var function = context.Function;
        var value = context.Result.GetValue<object>();
        object? numbered = (function.PluginName, function.Name, value) switch
        {
            (PapersPlugin.PluginName, PaperToolDescriptions.SearchPapersName, IReadOnlyList<SearchResult> matches) =>
                await FoundAsync(matches.Select(match => (match.PaperId, (double?)match.Score, match.Snippet)).ToList(), context.CancellationToken),
            (PapersPlugin.PluginName, PaperToolDescriptions.GetPaperName, PaperDetails paper) =>
                await FoundAsync([(paper.PaperId, (double?)null, paper.Abstract)], context.CancellationToken),
            (PapersPlugin.PluginName, PaperToolDescriptions.GetPaperName, null) =>
                $"No indexed paper has the id \"{context.Arguments["paper_id"]}\"; take ids from search_papers.",
            _ => null,
        };
        if (numbered is not null) context.Result = new FunctionResult(context.Result, numbered);
    }

    /// <summary>Registers the papers a tool found and returns what the model reads: each one numbered, with the text the tool gave.</summary>
    private async Task<string> FoundAsync(IReadOnlyList<(string PaperId, double? Score, string Text)> found, CancellationToken cancellationToken)
    {
        if (found.Count == 0) return "No indexed paper matches; try other words.";
        var papers = (await index.GetPapersAsync([.. found.Select(hit => hit.PaperId)], cancellationToken)).ToDictionary(paper => paper.Id);
        var shown = new List<(AnswerSource Source, string Text)>();
        foreach (var (paperId, score, text) in found)
        {
            if (!papers.TryGetValue(paperId, out var paper)) continue;
            shown.Add((ledger.Register(ToSource(paper, score)), text));
        }
        return SourcesBlock.Begin + "\n" + SourcesBlock.Format(shown, withPaperIds: true) + "\n" + SourcesBlock.End;
    }

    // A tool's paper carries the search score it was found with (none for get_paper), not a gate's cosine.
    private static AnswerSource ToSource(Paper paper, double? score) =>
        new(0, paper.Id, paper.Title, paper.Date, paper.AuthorCount, paper.Url, paper.Abstract, Math.Round(score ?? 0, 6));
}
