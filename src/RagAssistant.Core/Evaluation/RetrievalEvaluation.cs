using System.Diagnostics;
using RagAssistant.Contracts;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Evaluation;

/// <summary>Runs every benchmark question through search and scores the rankings.</summary>
public static class RetrievalEvaluation
{
    public const int Depth = 100;

    public static Task<EvaluationReport> RunAsync(
        PaperSearch search, IReadOnlyList<BeirQuery> queries, SearchMode mode, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(_ => search, queries, mode, progress, cancellationToken);

    /// <summary>As above, each query searched by the search <paramref name="searchFor"/> gives it (cross-validation: the ranker that never saw it).</summary>
    public static async Task<EvaluationReport> RunAsync(
        Func<BeirQuery, PaperSearch> searchFor, IReadOnlyList<BeirQuery> queries, SearchMode mode, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var ndcg = new List<double>();
        var recall = new List<double>();
        var mrr = new List<double>();
        var latencies = new List<double>();
        foreach (var query in queries)
        {
            var stopwatch = Stopwatch.StartNew();
            var hits = await searchFor(query).SearchAsync(query.Text, Depth, mode, cancellationToken: cancellationToken);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
            var ranked = hits.Select(hit => hit.Paper.Id).ToList();
            ndcg.Add(RetrievalMetrics.Ndcg(ranked, query.Relevant, 10));
            recall.Add(RetrievalMetrics.Recall(ranked, query.Relevant, 100));
            mrr.Add(RetrievalMetrics.ReciprocalRank(ranked, query.Relevant, 10));
            progress?.Report(ndcg.Count);
        }
        return new EvaluationReport(
            queries.Count,
            Average(ndcg),
            Average(recall),
            Average(mrr),
            RetrievalMetrics.Percentile(latencies, 0.50),
            RetrievalMetrics.Percentile(latencies, 0.95));
    }

    private static double Average(List<double> values) => values.Count == 0 ? 0 : values.Average();
}

public sealed record EvaluationReport(int Queries, double NdcgAt10, double RecallAt100, double MrrAt10, double QueryP50Ms, double QueryP95Ms);
