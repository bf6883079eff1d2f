using System.Text.Json.Serialization;

namespace RagAssistant.Client.Models;

/// <summary>The state of the server's paper index.</summary>
/// <param name="Status"><c>ready</c>, <c>indexing</c>, <c>starting</c> or <c>unavailable</c>.</param>
/// <param name="Papers">How many papers the index holds.</param>
/// <param name="Store"><c>embedded</c> or <c>qdrant</c>.</param>
/// <param name="DenseSearch">False when searches use BM25 only (no embedding model configured).</param>
/// <param name="Problem">Why the index is unavailable, if it is.</param>
public sealed record IndexStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("papers")] long Papers,
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("dense_search")] bool DenseSearch,
    [property: JsonPropertyName("problem")] string? Problem)
{
    /// <summary>True once the index can be searched.</summary>
    [JsonIgnore]
    public bool IsReady => Status == "ready";
}
