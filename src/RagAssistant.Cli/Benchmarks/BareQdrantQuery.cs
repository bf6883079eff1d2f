using System.Diagnostics;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Connection;
using RagAssistant.Qdrant.Index;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// The Qdrant store's own ranking request sent straight through Qdrant.Client — no retry wrapper, no paper
/// fetch, no fusion — so the benchmark can put the project's search next to what Qdrant itself (plus gRPC) costs.
/// </summary>
internal sealed class BareQdrantQuery(QdrantConnection connection, string collection, bool storeHasVectors)
{
    public async Task<TimeSpan> TimeAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var request = PaperRankingRequest.For(collection, query, storeHasVectors);
        var stopwatch = Stopwatch.StartNew();
        await connection.Client.QueryBatchAsync(collection, request.Queries, cancellationToken: cancellationToken);
        return stopwatch.Elapsed;
    }
}
