using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>The papers found by a search, most relevant first.</summary>
/// <param name="Results">The matches.</param>
/// <param name="UndatedLeftOut">
/// With a date filter: how many papers without a date the filter left out of the list the same search would have
/// shown without it (an undated paper is neither inside nor outside a range). Absent without a filter.
/// </param>
public sealed record SearchResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<SearchResult> Results,
    [property: JsonPropertyName("undated_left_out"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? UndatedLeftOut = null);

/// <summary>One paper found by a search.</summary>
/// <param name="PaperId">Stable id of the paper; pass it to <c>GET /api/papers/{paper_id}</c> or the <c>get_paper</c> tool.</param>
/// <param name="Title">The paper's title.</param>
/// <param name="Date">Publication date as yyyy-mm-dd, or null when the source gave none.</param>
/// <param name="Score">Relevance score of this search: with the learned ranker, the probability (0 to 1) that the paper answers the query; otherwise comparable only within one result list.</param>
/// <param name="Snippet">The passage of the abstract that matched best.</param>
public sealed record SearchResult(
    [property: JsonPropertyName("paper_id")] string PaperId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("snippet")] string Snippet);

/// <summary>How a search ranks papers.</summary>
public enum SearchMode
{
    /// <summary>Dense vectors and BM25, fused by a weighted sum of their normalised scores.</summary>
    Hybrid,

    /// <summary>Dense vectors only.</summary>
    Dense,

    /// <summary>BM25 keyword ranking only.</summary>
    Sparse,

    /// <summary>
    /// The default: the hybrid ranking's first papers re-ordered by the learned ranker, each scored with the probability
    /// that it answers the query; the hybrid ranking itself where the ranker does not apply (another embedding model).
    /// </summary>
    Reranked,
}
