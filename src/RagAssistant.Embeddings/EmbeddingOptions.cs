namespace RagAssistant.Embeddings;

/// <summary>The "Embeddings" configuration section (environment form: Embeddings__Provider, Embeddings__Model, …).</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";

    /// <summary><see cref="EmbeddingProviders.Local"/> (default), <see cref="EmbeddingProviders.OpenAI"/> or <see cref="EmbeddingProviders.None"/>.</summary>
    public string Provider { get; set; } = EmbeddingProviders.Local;

    /// <summary>Local model folder (model.json, vocab.json, shards); unset searches upward for the npm install.</summary>
    public string? ModelPath { get; set; }

    /// <summary>OpenAI-compatible base URL, e.g. http://localhost:11434/v1 for Ollama; unset means OpenAI itself.</summary>
    public string? Endpoint { get; set; }

    /// <summary>API key; servers that need none (Ollama, vLLM) may leave it unset.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Remote embedding model, e.g. text-embedding-3-small or nomic-embed-text.</summary>
    public string? Model { get; set; }

    /// <summary>Requested vector size, for models that can shorten their output; unset keeps the model's own.</summary>
    public int? Dimensions { get; set; }

    /// <summary>Chunk budget in tokens for a remote model (or for BM25 only); the local model always reads 128.</summary>
    public int MaxTokens { get; set; } = 512;
}
