using RagAssistant.Contracts;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Orchestration;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// Time to the first text event and to done, as the orchestrator itself measures them (<see cref="AnswerTimings"/>),
/// over a list of questions asked one after another. The first question is asked once beforehand, unmeasured,
/// so that loading the model and the index snapshot is not counted as answering.
/// </summary>
internal static class AnswerLatency
{
    public static async Task<AnswerLatencyReport> MeasureAsync(AnswerOrchestrator orchestrator, IReadOnlyList<string> questions, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(questions.Count);
        await foreach (var _ in orchestrator.AskAsync(new AnswerRequest(questions[0]), cancellationToken)) { }

        var firstText = new List<double>();
        var done = new List<double>();
        var retrieval = new List<double>();
        var covered = 0;
        foreach (var question in questions)
        {
            var finished = await AnswerEvaluation.FinishAsync(orchestrator, question, cancellationToken);
            firstText.Add(finished.Timings.FirstTextMs ?? finished.Timings.TotalMs);
            done.Add(finished.Timings.TotalMs);
            retrieval.Add(finished.Timings.RetrievalMs);
            if (finished.Covered) covered++;
        }
        return new AnswerLatencyReport(
            questions.Count,
            covered,
            RetrievalMetrics.Percentile(retrieval, 0.50),
            RetrievalMetrics.Percentile(firstText, 0.50),
            RetrievalMetrics.Percentile(firstText, 0.95),
            RetrievalMetrics.Percentile(done, 0.50),
            RetrievalMetrics.Percentile(done, 0.95));
    }
}

/// <summary>Percentiles in milliseconds; <paramref name="Covered"/> counts questions answered from sources rather than declined.</summary>
internal sealed record AnswerLatencyReport(
    int Questions, int Covered, double RetrievalP50Ms, double FirstTextP50Ms, double FirstTextP95Ms, double DoneP50Ms, double DoneP95Ms);
