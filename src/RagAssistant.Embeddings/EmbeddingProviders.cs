namespace RagAssistant.Embeddings;

/// <summary>Values of Embeddings:Provider; also the provider names an index records.</summary>
public static class EmbeddingProviders
{
    /// <summary>Universal Sentence Encoder lite, in-process and offline.</summary>
    public const string Local = "local";

    /// <summary>Any OpenAI-compatible /embeddings endpoint: OpenAI, Azure OpenAI (v1 API), Ollama, vLLM, LM Studio.</summary>
    public const string OpenAI = "openai";

    /// <summary>No dense vectors: retrieval is BM25 only.</summary>
    public const string None = "none";
}
