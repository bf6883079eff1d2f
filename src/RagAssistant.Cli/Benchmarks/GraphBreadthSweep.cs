using System.Diagnostics;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Retrieval;
using RagAssistant.Sqlite;
using RagAssistant.Sqlite.Search;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// Dense recall against latency for several graph search breadths (HNSW's ef, <see cref="EmbeddedSearchOptions.GraphSearchBreadth"/>)
/// on one embedded store: the store is opened once per breadth, searching through its graph whatever its size, and its
/// raw dense ranking (as many candidates as search asks for) timed and compared with the exact rankings
/// <see cref="DenseRecall"/> scanned.
/// </summary>
internal static class GraphBreadthSweep
{
    public static async Task<List<Dictionary<string, object>>> MeasureAsync(
        string dataDirectory, int size, IReadOnlyList<ReadOnlyMemory<float>> questions, IReadOnlyList<IReadOnlyList<RankedPaper>> truths,
        IReadOnlyList<int> breadths, CancellationToken cancellationToken)
    {
        var queries = DenseRecall.Queries(questions);
        var rows = new List<Dictionary<string, object>>();
        foreach (var breadth in breadths)
        {
            await using var graph = new EmbeddedPaperIndex(dataDirectory, new EmbeddedSearchOptions { ExactBelowChunks = 0, GraphSearchBreadth = breadth });
            foreach (var query in queries) await graph.RankAsync(query, cancellationToken); // opens and warms
            var (at10, at100, times) = (0.0, 0.0, new List<double>());
            for (var i = 0; i < queries.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var found = (await graph.RankAsync(queries[i], cancellationToken)).Dense;
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                at10 += DenseRecall.Recall(found, truths[i], 10);
                at100 += DenseRecall.Recall(found, truths[i], 100);
            }
            rows.Add(new Dictionary<string, object>
            {
                ["benchmark"] = "graph_breadth",
                ["size"] = size,
                ["graph_breadth"] = breadth,
                ["recall@10"] = Math.Round(at10 / Math.Max(1, queries.Count), 4),
                ["recall@100"] = Math.Round(at100 / Math.Max(1, queries.Count), 4),
                ["dense_rank_p50_ms"] = Math.Round(RetrievalMetrics.Percentile(times, 0.5), 2),
                ["dense_rank_p95_ms"] = Math.Round(RetrievalMetrics.Percentile(times, 0.95), 2),
            });
        }
        return rows;
    }
}
