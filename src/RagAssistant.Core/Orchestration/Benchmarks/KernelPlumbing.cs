using System.Diagnostics;
using Microsoft.SemanticKernel;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Steps;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration.Benchmarks;

/// <summary>
/// What the Kernel costs an answer in the default mode, apart from the steps' own work: the fixed plan's calls
/// (condense, search, select, write, a check per cited sentence) made through an <see cref="AnswerKernel"/>, as every
/// answer makes them, against the same steps called directly with the same inputs, the bookkeeping done by hand. The
/// steps are <see cref="ReplayedAnswerSteps"/>, which answer at once, on a copy of the host's kernel (its plugins, with
/// the answer plugin replaced). Both ways alternate in rounds; the medians are reported per answer.
/// </summary>
public static class KernelPlumbing
{
    private const string Question = "Which neural networks emulate atmospheric CO2 transport?";

    public static async Task<KernelPlumbingReport> MeasureAsync(
        Kernel kernel, IPaperIndex index, int answersPerRound = 2000, int rounds = 15, CancellationToken cancellationToken = default)
    {
        var steps = ReplayedAnswerSteps.Typical();
        var replay = kernel.Clone();
        replay.Plugins.Remove(replay.Plugins[AnswerSteps.PluginName]);
        replay.Plugins.AddFromObject(steps, AnswerSteps.PluginName);
        var checker = new CitationChecker(steps.Retrieved.Sources);
        var sentence = new CitedSentence("Sentence of the answer.", [1]);

        Task Direct() => DirectAsync(steps, checker, sentence, cancellationToken);
        Task ThroughKernel() => ThroughKernelAsync(replay, index, steps.CheckedSentences, checker, sentence, cancellationToken);
        Task Begin()
        {
            AnswerKernel.Begin(replay, new SourceLedger(), index);
            return Task.CompletedTask;
        }

        // Warm-up: JIT, the kernel's caches, the function marshalling built on first call.
        await TimeAsync(Direct, answersPerRound);
        await TimeAsync(ThroughKernel, answersPerRound);
        var direct = new List<(double Us, double Bytes)>();
        var through = new List<(double Us, double Bytes)>();
        var begin = new List<(double Us, double Bytes)>();
        for (var round = 0; round < rounds; round++)
        {
            direct.Add(await TimeAsync(Direct, answersPerRound));
            through.Add(await TimeAsync(ThroughKernel, answersPerRound));
            begin.Add(await TimeAsync(Begin, answersPerRound));
        }
        return new KernelPlumbingReport(
            Median(direct, run => run.Us), Median(through, run => run.Us), Median(begin, run => run.Us),
            Median(direct, run => run.Bytes), Median(through, run => run.Bytes), 3 + steps.CheckedSentences + 1);
    }

    /// <summary>The steps called directly, the ledger numbering the selected sources as the bookkeeping filter would.</summary>
    private static async Task DirectAsync(ReplayedAnswerSteps steps, CitationChecker checker, CitedSentence sentence, CancellationToken cancellationToken)
    {
        var ledger = new SourceLedger();
        var query = await steps.CondenseQuestionAsync(Question, [], cancellationToken);
        var candidates = await steps.SearchAsync(query, AnswerKind.Answer, null, null, cancellationToken);
        var selected = await steps.SelectSourcesAsync(null!, Question, candidates, cancellationToken);
        var numbered = selected with { Sources = ledger.Register(selected.Sources) };
        await foreach (var _ in steps.WriteAsync(new AnswerContext(Question, AnswerKind.Answer, numbered, []), cancellationToken)) { }
        for (var i = 0; i < steps.CheckedSentences; i++) await steps.CheckSentenceAsync(sentence, checker, cancellationToken);
    }

    /// <summary>The same calls as an answer makes them: its own kernel, each step invoked through it.</summary>
    private static async Task ThroughKernelAsync(
        Kernel replay, IPaperIndex index, int checkedSentences, CitationChecker checker, CitedSentence sentence, CancellationToken cancellationToken)
    {
        var answer = AnswerKernel.Begin(replay, new SourceLedger(), index);
        var query = await answer.CondenseQuestionAsync(Question, [], cancellationToken) ?? Question;
        var candidates = await answer.SearchAsync(query, AnswerKind.Answer, null, null, cancellationToken);
        var selected = await answer.SelectSourcesAsync(Question, candidates, cancellationToken);
        await foreach (var _ in answer.WriteAsync(new AnswerContext(Question, AnswerKind.Answer, selected, []), cancellationToken)) { }
        for (var i = 0; i < checkedSentences; i++) await answer.CheckSentenceAsync(sentence, checker, cancellationToken);
    }

    /// <summary>Microseconds and bytes allocated per answer over <paramref name="answers"/> answers (the replayed steps complete synchronously, on this thread).</summary>
    private static async Task<(double Us, double Bytes)> TimeAsync(Func<Task> answer, int answers)
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < answers; i++) await answer();
        var elapsed = clock.Elapsed.TotalMicroseconds;
        return (elapsed / answers, (double)(GC.GetAllocatedBytesForCurrentThread() - bytes) / answers);
    }

    private static double Median<T>(List<T> runs, Func<T, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

/// <summary>
/// Per answer: the steps called directly, the same through the Kernel, and of that the kernel copy with its filter
/// (<see cref="AnswerKernel.Begin"/>); bytes allocated each way; kernel function calls per answer.
/// </summary>
public sealed record KernelPlumbingReport(double DirectUs, double ThroughKernelUs, double BeginUs, double DirectBytes, double ThroughKernelBytes, int Invocations)
{
    public double OverheadUs => ThroughKernelUs - DirectUs;
}
