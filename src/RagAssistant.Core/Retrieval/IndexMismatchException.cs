namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The store was built with another embedding model or dimension than the one configured now. The hosts add how to
/// rebuild it in their own words (the CLI's <c>--rebuild</c>).
/// </summary>
public sealed class IndexMismatchException(string store, EmbeddingSignature stored, EmbeddingSignature configured)
    : Exception($"The {store} index was built with {stored}, but {configured} is configured; " +
                "rebuild the index with the configured model, or configure the original embedding provider again.")
{
    public EmbeddingSignature Stored { get; } = stored;
    public EmbeddingSignature Configured { get; } = configured;
}
