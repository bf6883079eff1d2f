namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The store was built with another embedding model or dimension than the one configured now, or in an older
/// <see cref="IndexLayout"/>. The hosts add how to rebuild it in their own words (the CLI's <c>--rebuild</c>).
/// </summary>
public sealed class IndexMismatchException : Exception
{
    public IndexMismatchException(string store, EmbeddingSignature stored, EmbeddingSignature configured)
        : base($"The {store} index was built with {stored}, but {configured} is configured; " +
               "rebuild the index with the configured model, or configure the original embedding provider again.")
    {
        Stored = stored;
        Configured = configured;
    }

    private IndexMismatchException(string message, EmbeddingSignature signature) : base(message)
    {
        Stored = signature;
        Configured = signature;
    }

    public EmbeddingSignature Stored { get; }

    public EmbeddingSignature Configured { get; }

    /// <summary>The store holds papers written in an older layout, which this version cannot search as it needs.</summary>
    public static IndexMismatchException OlderLayout(string store, int storedLayout, EmbeddingSignature signature) => new(
        $"The {store} index was written by an older version of RagAssistant (index layout {storedLayout}; this version " +
        $"keeps layout {IndexLayout.Current}, with every sentence's vector, role and page); rebuild the index from your papers.", signature);
}
