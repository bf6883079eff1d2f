using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Web.Status;

/// <summary>What this app runs, in words for /health and the footer: the store, the embedding model and the answer writer.</summary>
public sealed class AppDescription(IPaperIndex index, IOptions<AssistantOptions> assistant, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    public string Store => index.Name;

    public string Embeddings
    {
        get
        {
            if (embedder is null) return "none (BM25 only)";
            var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
            return $"{metadata?.ProviderName ?? "unknown"}/{metadata?.DefaultModelId ?? "unknown"}" +
                (metadata?.DefaultModelDimensions is { } dimensions ? $" ({dimensions} dimensions)" : "");
        }
    }

    public string AnswerWriter
    {
        get
        {
            var options = assistant.Value;
            return string.Equals(options.Provider, ChatProviders.OpenAI, StringComparison.OrdinalIgnoreCase)
                ? $"language model {options.Model}" + (string.IsNullOrWhiteSpace(options.Endpoint) ? " (OpenAI)" : $" at {options.Endpoint}")
                : "extractive (no language model)";
        }
    }
}
