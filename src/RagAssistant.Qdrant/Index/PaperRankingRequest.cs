using Qdrant.Client.Grpc;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Qdrant.Index;

/// <summary>
/// Both raw rankings of a query as one Qdrant QueryBatch call: the question's vector against each paper's
/// chunk multivector (max_sim: its best chunk's cosine), and its BM25 terms against the sparse vectors.
/// Qdrant does not fuse them: Core's fusion and relevance gate need each paper's raw cosine and BM25 score.
/// Points come back with their paper id only; the papers themselves are fetched for the final few.
/// </summary>
public sealed record PaperRankingRequest(string Collection, IReadOnlyList<QueryPoints> Queries, bool HasDense, bool HasSparse)
{
    /// <summary>The request for <paramref name="query"/>; no queries at all when it has neither a vector the store can use nor terms.</summary>
    public static PaperRankingRequest For(string collection, SearchQuery query, bool storeHasVectors)
    {
        var filter = PaperFilters.Dates(query);
        var queries = new List<QueryPoints>(2);
        var hasDense = storeHasVectors && query.Vector is not null && query.Candidates > 0;
        var hasSparse = !query.Terms.IsEmpty && query.Candidates > 0;
        if (hasDense)
        {
            // A multivector of one: max_sim then sums over that one query vector, i.e. the best chunk's cosine.
            float[][] vector = [query.Vector!.Value.ToArray()];
            queries.Add(Ranking(collection, vector, PaperCollection.DenseVector, filter, query.Candidates));
        }
        if (hasSparse)
        {
            queries.Add(Ranking(collection, (query.Terms.Values.ToArray(), query.Terms.Indices.ToArray()), PaperCollection.SparseVector, filter, query.Candidates));
        }
        return new PaperRankingRequest(collection, queries, hasDense, hasSparse);
    }

    /// <summary>Splits QueryBatch's answer (one result list per query, in request order) into the two rankings.</summary>
    public PaperRankings Read(IReadOnlyList<BatchResult> results)
    {
        var dense = HasDense ? Ranked(results[0]) : [];
        var sparse = HasSparse ? Ranked(results[HasDense ? 1 : 0]) : [];
        return new PaperRankings(dense, sparse);
    }

    private static QueryPoints Ranking(string collection, Query query, string vectorName, Filter? filter, int limit)
    {
        var request = new QueryPoints
        {
            CollectionName = collection,
            Query = query,
            Using = vectorName,
            Limit = (ulong)limit,
            WithPayload = new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { PaperPayload.PaperIdField } } },
            WithVectors = new WithVectorsSelector { Enable = false },
        };
        if (filter is not null) request.Filter = filter;
        return request;
    }

    private static IReadOnlyList<RankedPaper> Ranked(BatchResult result) =>
        [.. result.Result.Select(point => new RankedPaper(PaperPayload.PaperId(point.Payload), point.Score))];
}
