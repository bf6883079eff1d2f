using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>The state of the server's paper index (<c>GET /api/index/status</c>).</summary>
/// <param name="Status">One of <see cref="IndexState"/>: <c>ready</c>, <c>indexing</c>, <c>starting</c> or <c>unavailable</c>.</param>
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
    public bool IsReady => Status == IndexState.Ready;
}

/// <summary>Where an index is on its way to answering, as <c>/api/index/status</c> and <c>/health</c> say it.</summary>
public static class IndexState
{
    /// <summary>The index is being opened.</summary>
    public const string Starting = "starting";
    /// <summary>The sample papers are being added.</summary>
    public const string Indexing = "indexing";
    /// <summary>The index can be searched.</summary>
    public const string Ready = "ready";
    /// <summary>The index cannot be opened or reached; the status's problem says why.</summary>
    public const string Unavailable = "unavailable";
}
