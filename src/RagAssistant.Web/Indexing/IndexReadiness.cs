using RagAssistant.Contracts;

namespace RagAssistant.Web.Indexing;

/// <summary>What the app knows about its index right now, for /health, /api/index/status and the page.</summary>
public sealed class IndexReadiness
{
    public bool Ready { get; set; }
    public bool Indexing { get; set; }
    public long Papers { get; set; }
    public string? Problem { get; set; }

    /// <summary>One of <see cref="IndexState"/>: a problem outranks indexing, which outranks ready.</summary>
    public string State => Problem is not null ? IndexState.Unavailable : Indexing ? IndexState.Indexing : Ready ? IndexState.Ready : IndexState.Starting;
}
