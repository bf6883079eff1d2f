namespace RagAssistant.Embeddings;

/// <summary>The "Embeddings" configuration section (environment form: Embeddings__Provider, Embeddings__Model, …).</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";

    /// <summary>Chunk budget of a remote model (or of BM25 only) when <see cref="MaxTokens"/> is unset.</summary>
    public const int DefaultRemoteMaxTokens = 512;

    /// <summary><see cref="EmbeddingProviders.Local"/> (default), <see cref="EmbeddingProviders.OpenAI"/> or <see cref="EmbeddingProviders.None"/>.</summary>
    public string Provider { get; set; } = EmbeddingProviders.Local;

    /// <summary>
    /// The embedding model. Local: all-MiniLM-L6-v2 or snowflake-arctic-embed-xs (unset: the default of
    /// <see cref="Local.LocalModels"/>). Remote: required, e.g. text-embedding-3-small or nomic-embed-text.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>OpenAI-compatible base URL, e.g. http://localhost:11434/v1 for Ollama; unset means OpenAI itself.</summary>
    public string? Endpoint { get; set; }

    /// <summary>API key; servers that need none (Ollama, vLLM) may leave it unset.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Requested vector size, for models that can shorten their output; unset keeps the model's own.</summary>
    public int? Dimensions { get; set; }

    /// <summary>
    /// Chunk budget in tokens. Unset: one full window of the local model, or <see cref="DefaultRemoteMaxTokens"/>
    /// (approximate tokens) for a remote model or none. A local budget may be smaller than the window, not larger.
    /// </summary>
    public int? MaxTokens { get; set; }
}
