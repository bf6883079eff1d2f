using System.ComponentModel;
using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Steps;
using RagAssistant.Core.Orchestration.Writers;

namespace RagAssistant.Core.Orchestration.Benchmarks;

/// <summary>
/// The <c>answer</c> plugin's functions under <see cref="AnswerSteps"/>' names and signatures, each handing back one
/// answer's results at once: timed through a Kernel, they measure the Kernel and nothing of the steps' own work.
/// Only for <see cref="KernelPlumbing"/>; keep the signatures in step with <see cref="AnswerSteps"/>.
/// </summary>
internal sealed class ReplayedAnswerSteps(string query, RetrievedSources retrieved, IReadOnlyList<string> fragments, IReadOnlyList<CitationEvent> verdicts)
{
    /// <summary>A typical extractive answer: three sources, four cited sentences, one fragment each.</summary>
    public static ReplayedAnswerSteps Typical()
    {
        var sources = Enumerable.Range(1, 3)
            .Select(n => new AnswerSource(n, $"paper-{n}", $"Title of paper {n}", null, 3, null, $"Abstract of paper {n}. It has a second sentence.", 0.6))
            .ToList();
        var retrieved = new RetrievedSources("neural emulators of CO2 transport", sources, ["neural", "emulators", "co2", "transport"], null, 0.6, []);
        var fragments = Enumerable.Range(1, 4).Select(i => $"Sentence {i} of the answer [{(i % 3) + 1}]. ").ToList();
        var verdicts = new List<CitationEvent> { new(1, "paper-1", "Sentence of the answer.", true, "quoted: word for word", CitationVerdicts.Quoted) };
        return new ReplayedAnswerSteps(retrieved.Query, retrieved, fragments, verdicts);
    }

    public RetrievedSources Retrieved => retrieved;

    public int CheckedSentences => fragments.Count;

    [KernelFunction(AnswerSteps.CondenseQuestion), Description("Replayed.")]
    public Task<string> CondenseQuestionAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default) =>
        Task.FromResult(query);

    [KernelFunction(AnswerSteps.Search), Description("Replayed.")]
    public Task<RetrievedSources> SearchAsync(string query, AnswerKind kind, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(retrieved);

    [KernelFunction(AnswerSteps.SelectSources), Description("Replayed.")]
    public Task<RetrievedSources> SelectSourcesAsync(Kernel kernel, string question, RetrievedSources candidates, CancellationToken cancellationToken = default) =>
        Task.FromResult(candidates);

    [KernelFunction(AnswerSteps.Write), Description("Replayed.")]
    public async IAsyncEnumerable<string> WriteAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var fragment in fragments) yield return fragment;
    }

    [KernelFunction(AnswerSteps.CheckSentence), Description("Replayed.")]
    public Task<IReadOnlyList<CitationEvent>> CheckSentenceAsync(CitedSentence sentence, CitationChecker checker, CancellationToken cancellationToken = default) =>
        Task.FromResult(verdicts);
}
