namespace RagAssistant.Web.Indexing;

/// <summary>What the app knows about its index right now, for /health and the page.</summary>
public sealed class IndexStatus
{
    public bool Ready { get; set; }
    public bool Indexing { get; set; }
    public long Papers { get; set; }
    public string? Problem { get; set; }
}
