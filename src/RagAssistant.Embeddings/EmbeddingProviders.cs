namespace RagAssistant.Embeddings;

/// <summary>Values of Embeddings:Provider; also the provider names an index records.</summary>
public static class EmbeddingProviders
{
    /// <summary>A sentence-transformer shipped in a NuGet package, run in-process and offline (see Local.LocalModels).</summary>
    public const string Local = "local";

    /// <summary>Any OpenAI-compatible /embeddings endpoint: OpenAI, Azure OpenAI (v1 API), Ollama, vLLM, LM Studio.</summary>
    public const string OpenAI = "openai";

    /// <summary>No dense vectors: retrieval is BM25 only.</summary>
    public const string None = "none";
}
