using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Filters;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration.Steps;

/// <summary>
/// The kernel one answer runs on, and its steps as typed calls: a copy of the shared <see cref="Kernel"/> with this
/// answer's <see cref="SourceBookkeeping"/> filter, so its books are nobody else's; every step a function of the
/// <see cref="AnswerSteps"/> plugin, invoked through that kernel and its filters. The functions are looked up once per
/// answer rather than by name on every call.
/// </summary>
internal sealed class AnswerKernel
{
    private readonly KernelFunction _condense;
    private readonly KernelFunction _search;
    private readonly KernelFunction _select;
    private readonly KernelFunction _write;
    private readonly KernelFunction _check;

    private AnswerKernel(Kernel kernel)
    {
        Kernel = kernel;
        var steps = kernel.Plugins[AnswerSteps.PluginName];
        (_condense, _search, _select, _write, _check) = (steps[AnswerSteps.CondenseQuestion], steps[AnswerSteps.Search],
            steps[AnswerSteps.SelectSources], steps[AnswerSteps.Write], steps[AnswerSteps.CheckSentence]);
    }

    /// <summary>This answer's kernel: the agent plan adds its budget filter to it and runs its prompt on it.</summary>
    public Kernel Kernel { get; }

    public static AnswerKernel Begin(Kernel shared, SourceLedger ledger, IPaperIndex index)
    {
        var kernel = shared.Clone();
        kernel.FunctionInvocationFilters.Add(new SourceBookkeeping(ledger, index));
        return new AnswerKernel(kernel);
    }

    public async Task<string?> CondenseQuestionAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken) =>
        (await _condense.InvokeAsync(Kernel, new KernelArguments { ["question"] = question, ["history"] = history }, cancellationToken)).GetValue<string>();

    public async Task<RetrievedSources> SearchAsync(string query, AnswerKind kind, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        (await _search.InvokeAsync(Kernel, new KernelArguments { ["query"] = query, ["kind"] = kind, ["from"] = from, ["to"] = to }, cancellationToken))
        .GetValue<RetrievedSources>()!;

    /// <summary>The sources the answer may cite, numbered by the ledger (the bookkeeping filter replaces the step's result).</summary>
    public async Task<RetrievedSources> SelectSourcesAsync(string question, RetrievedSources candidates, CancellationToken cancellationToken) =>
        (await _select.InvokeAsync(Kernel, new KernelArguments { ["question"] = question, ["candidates"] = candidates }, cancellationToken))
        .GetValue<RetrievedSources>()!;

    public IAsyncEnumerable<string> WriteAsync(AnswerContext context, CancellationToken cancellationToken) =>
        _write.InvokeStreamingAsync<string>(Kernel, new KernelArguments { ["context"] = context }, cancellationToken);

    public async Task<IReadOnlyList<CitationEvent>> CheckSentenceAsync(CitedSentence sentence, CitationChecker checker, CancellationToken cancellationToken) =>
        (await _check.InvokeAsync(Kernel, new KernelArguments { ["sentence"] = sentence, ["checker"] = checker }, cancellationToken))
        .GetValue<IReadOnlyList<CitationEvent>>() ?? [];
}
