namespace RagAssistant.Core.Retrieval.Ranking;

/// <summary>The <c>Ranking</c> configuration section (environment form <c>Ranking__ModelPath</c>).</summary>
public sealed class RankingOptions
{
    public const string Section = "Ranking";

    /// <summary>
    /// A ranker model file (<c>rag train-ranker --out</c>) to serve instead of the one shipped in the build; unset serves
    /// the shipped model. Either applies only to an index built by the embedding model it was trained with.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>False turns the ranker off: search and answers use the fusion and the relevance gate, as for another embedder.</summary>
    public bool Enabled { get; set; } = true;
}
