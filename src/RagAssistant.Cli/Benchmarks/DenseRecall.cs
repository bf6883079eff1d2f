using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Sqlite;
using RagAssistant.Sqlite.Search;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// How much of the exact dense ranking the store's own finds: each question's raw dense ranking (as many candidates
/// as search asks for) against an exact scan of the same embedded file, opened apart with the graph turned off.
/// </summary>
internal static class DenseRecall
{
    /// <summary>The recall row, and each question's exact dense ranking (for <see cref="GraphBreadthSweep"/> to reuse).</summary>
    public static async Task<(Dictionary<string, object> Row, IReadOnlyList<IReadOnlyList<RankedPaper>> Exact)> MeasureAsync(
        IPaperIndex index, string dataDirectory, int size, IReadOnlyList<ReadOnlyMemory<float>> questions, CancellationToken cancellationToken)
    {
        await using var exact = new EmbeddedPaperIndex(dataDirectory, new EmbeddedSearchOptions { ExactBelowChunks = int.MaxValue });
        var (at10, at100, exactTimes) = (0.0, 0.0, new List<double>());
        var truths = new List<IReadOnlyList<RankedPaper>>(questions.Count);
        foreach (var query in Queries(questions))
        {
            var found = (await index.RankAsync(query, cancellationToken)).Dense;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var truth = (await exact.RankAsync(query, cancellationToken)).Dense;
            exactTimes.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            truths.Add(truth);
            at10 += Recall(found, truth, 10);
            at100 += Recall(found, truth, 100);
        }
        return (new Dictionary<string, object>
        {
            ["benchmark"] = "dense_recall",
            ["store"] = index.Name,
            ["size"] = size,
            ["queries"] = questions.Count,
            ["recall@10"] = Math.Round(at10 / Math.Max(1, questions.Count), 4),
            ["recall@100"] = Math.Round(at100 / Math.Max(1, questions.Count), 4),
            // The exact scan's own latency (the dense ranking alone, every chunk vector in memory), for comparison.
            ["exact_p50_ms"] = Math.Round(RetrievalMetrics.Percentile(exactTimes, 0.5), 2),
        }, truths);
    }

    /// <summary>Each question as a dense-only query for as many candidates as search asks for.</summary>
    internal static IReadOnlyList<SearchQuery> Queries(IReadOnlyList<ReadOnlyMemory<float>> questions) =>
        [.. questions.Select(vector => new SearchQuery(SparseVector.Empty, vector, PaperRetriever.MinCandidates))];

    internal static double Recall(IReadOnlyList<RankedPaper> found, IReadOnlyList<RankedPaper> truth, int depth)
    {
        var expected = truth.Take(depth).Select(hit => hit.PaperId).ToHashSet(StringComparer.Ordinal);
        return expected.Count == 0 ? 1 : found.Take(depth).Count(hit => expected.Contains(hit.PaperId)) / (double)expected.Count;
    }
}
