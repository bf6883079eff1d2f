namespace RagAssistant.Sqlite.Search;

/// <summary>The <c>Embedded</c> configuration section: how the embedded store searches.</summary>
public sealed class EmbeddedSearchOptions
{
    public const string Section = "Embedded";

    /// <summary>
    /// Below this many chunk vectors dense search compares the question with every one (exact, deterministic);
    /// from it on, an HNSW graph finds the candidates and only they are scored exactly. 0 uses the graph always
    /// (to test it on a small store); a very large number never does. Measured in docs/performance.md.
    /// </summary>
    public int ExactBelowChunks { get; set; } = 20_000;

    /// <summary>
    /// How many chunks a graph search asks for and keeps as it walks (HNSW's ef), never fewer than three per paper
    /// wanted: a broader search finds more of the exact nearest chunks and takes longer. 0, the default, grows it with
    /// the graph, one per 2,000 vectors (about 950 at a million papers), as a fixed breadth finds less of the
    /// nearest as the graph grows. A setting of the process, not of the saved graph. Measured in docs/performance.md.
    /// </summary>
    public int GraphSearchBreadth { get; set; }
}
