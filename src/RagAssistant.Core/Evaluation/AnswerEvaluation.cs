using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;

namespace RagAssistant.Core.Evaluation;

/// <summary>
/// Runs the whole answer pipeline on benchmark questions and judges what the answers cite: whether an answer
/// cites a relevant paper (<c>cite_hit</c>), whether its citation [1] is relevant (<c>top1_hit</c>), the share of
/// cited papers that are relevant, how often it declines, and how fast the first text and the end arrive.
/// A declined answer counts as a miss for both hit rates.
/// </summary>
public static class AnswerEvaluation
{
    public static Task<AnswerEvaluationReport> RunAsync(
        AnswerOrchestrator orchestrator, IReadOnlyList<BeirQuery> queries, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(_ => orchestrator, queries, progress, cancellationToken);

    /// <summary>As above, each query answered by the orchestrator <paramref name="orchestratorFor"/> gives it (cross-validation: the ranker that never saw it).</summary>
    public static async Task<AnswerEvaluationReport> RunAsync(
        Func<BeirQuery, AnswerOrchestrator> orchestratorFor, IReadOnlyList<BeirQuery> queries, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        int citeHits = 0, topHits = 0, refused = 0, cited = 0, citedRelevant = 0;
        var firstText = new List<double>();
        var done = new List<double>();
        // Warm-up, unmeasured: an orchestrator's first question loads the model and the index snapshot.
        foreach (var (orchestrator, first) in queries.GroupBy(orchestratorFor).Select(group => (group.Key, group.First())))
        {
            await foreach (var _ in orchestrator.AskAsync(new AnswerRequest(first.Text), cancellationToken)) { }
        }

        foreach (var query in queries)
        {
            var answer = await AskAsync(orchestratorFor(query), query.Text, cancellationToken);
            firstText.Add(answer.Timings.FirstTextMs ?? answer.Timings.TotalMs);
            done.Add(answer.Timings.TotalMs);
            if (!answer.Covered) refused++;
            cited += answer.CitedPaperIds.Count;
            citedRelevant += answer.CitedPaperIds.Count(query.Relevant.ContainsKey);
            if (answer.CitedPaperIds.Any(query.Relevant.ContainsKey)) citeHits++;
            if (answer.FirstCitedPaperId is { } first && query.Relevant.ContainsKey(first)) topHits++;
            progress?.Report(done.Count);
        }
        var n = Math.Max(1, queries.Count);
        return new AnswerEvaluationReport(
            queries.Count,
            (double)citeHits / n,
            (double)topHits / n,
            cited == 0 ? 0 : (double)citedRelevant / cited,
            (double)refused / n,
            RetrievalMetrics.Percentile(firstText, 0.50),
            RetrievalMetrics.Percentile(firstText, 0.95),
            RetrievalMetrics.Percentile(done, 0.50),
            RetrievalMetrics.Percentile(done, 0.95));
    }

    /// <summary>One answer's citations, read from its events: the distinct papers cited, and the paper that is source [1] when [1] is cited.</summary>
    public static async Task<JudgedAnswer> AskAsync(AnswerOrchestrator orchestrator, string question, CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync(orchestrator, question, cancellationToken);
        var done = answer.Done!;
        return new JudgedAnswer(done.Answer, done.Covered, answer.CitedPaperIds, answer.FirstCitedPaperId, done.Timings);
    }

    /// <summary>The done event of one answer; a failed answer throws, naming the question, since a benchmark cannot score it.</summary>
    public static async Task<DoneEvent> FinishAsync(AnswerOrchestrator orchestrator, string question, CancellationToken cancellationToken = default) =>
        (await ReadAsync(orchestrator, question, cancellationToken)).Done!;

    private static async Task<AnswerAccumulator> ReadAsync(AnswerOrchestrator orchestrator, string question, CancellationToken cancellationToken)
    {
        var answer = await AnswerAccumulator.ReadAsync(orchestrator.AskAsync(new AnswerRequest(question), cancellationToken), cancellationToken);
        if (answer.Error is { } error) throw new InvalidOperationException($"\"{question}\" failed: {error.Message}");
        if (answer.Done is null) throw new InvalidOperationException($"\"{question}\": the answer ended without a done event.");
        return answer;
    }
}

/// <summary>What an answer cited: distinct paper ids in order of first citation, and source [1]'s paper when [1] was cited.</summary>
public sealed record JudgedAnswer(string Text, bool Covered, IReadOnlyList<string> CitedPaperIds, string? FirstCitedPaperId, AnswerTimings Timings);

public sealed record AnswerEvaluationReport(
    int Queries, double CiteHit, double Top1Hit, double CitedPrecision, double Refused,
    double FirstTextP50Ms, double FirstTextP95Ms, double DoneP50Ms, double DoneP95Ms);
