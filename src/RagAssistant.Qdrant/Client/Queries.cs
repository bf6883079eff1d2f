using System.Text.Json.Serialization;

namespace RagAssistant.Qdrant.Client;

/// <summary>The <c>query</c> of a Query API request: nearest to a vector, or a fusion of the prefetches.</summary>
[JsonDerivedType(typeof(NearestQuery))]
[JsonDerivedType(typeof(RrfQuery))]
public abstract record QueryExpression
{
    public static QueryExpression NearestTo(VectorData vector) => new NearestQuery(vector);

    /// <summary>Reciprocal rank fusion, Σ 1/(k + rank) with 0-based ranks; Qdrant's default k is 2, 60 is the literature's.</summary>
    public static QueryExpression ReciprocalRankFusion(int k) => new RrfQuery(new RrfParameters(k));
}

public sealed record NearestQuery(VectorData Nearest) : QueryExpression;

public sealed record RrfQuery(RrfParameters Rrf) : QueryExpression;

public sealed record RrfParameters(int K);

/// <summary>A sub-query whose results the outer query re-ranks or fuses.</summary>
public sealed record Prefetch(QueryExpression Query, string Using, int Limit, Filter? Filter = null);

/// <summary>A Query API request (<c>POST /collections/{name}/points/query</c>).</summary>
public sealed record QueryRequest
{
    public IReadOnlyList<Prefetch>? Prefetch { get; init; }

    public required QueryExpression Query { get; init; }

    /// <summary>The named vector the query searches; unset for a fusion.</summary>
    public string? Using { get; init; }

    public Filter? Filter { get; init; }

    public int Limit { get; init; } = 10;

    public PayloadSelector WithPayload { get; init; } = PayloadSelector.All;
}

/// <summary>A Query API request whose results are grouped by a payload field (<c>/points/query/groups</c>).</summary>
public sealed record GroupedQueryRequest(QueryRequest Query, string GroupBy, int GroupSize = 1);
