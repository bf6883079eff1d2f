using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace RagAssistant.Embeddings.Remote;

/// <summary>Builds an embedding generator for any server that speaks the OpenAI embeddings API.</summary>
public static class OpenAiCompatibleEmbeddings
{
    // The OpenAI client insists on a key; local servers such as Ollama and vLLM accept any.
    private const string PlaceholderKey = "not-needed";

    /// <param name="httpClient">Optional transport, e.g. from IHttpClientFactory or a test.</param>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new InvalidOperationException(
                "Embeddings:Model must name the embedding model when Embeddings:Provider is openai "
                + "(for example text-embedding-3-small, or nomic-embed-text on Ollama).");
        }

        var hasEndpoint = !string.IsNullOrWhiteSpace(options.Endpoint);
        if (!hasEndpoint && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new InvalidOperationException(
                "Embeddings:ApiKey is required for OpenAI itself; for a local server set Embeddings:Endpoint (for example http://localhost:11434/v1).");
        }

        var clientOptions = new OpenAIClientOptions();
        if (hasEndpoint)
        {
            clientOptions.Endpoint = Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
                ? endpoint
                : throw new InvalidOperationException($"Embeddings:Endpoint '{options.Endpoint}' is not an absolute URL.");
        }

        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? PlaceholderKey : options.ApiKey;
        var client = new EmbeddingClient(options.Model, new ApiKeyCredential(key), clientOptions);
        return client.AsIEmbeddingGenerator(options.Dimensions);
    }
}
