using System.Net;

namespace RagAssistant.Qdrant.Client;

/// <summary>Qdrant refused a request; <see cref="Exception.Message"/> carries Qdrant's own explanation.</summary>
public sealed class QdrantException(HttpStatusCode statusCode, string request, string qdrantMessage)
    : Exception($"Qdrant answered {(int)statusCode} ({statusCode}) to {request}: {qdrantMessage}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The error text exactly as Qdrant sent it.</summary>
    public string QdrantMessage { get; } = qdrantMessage;
}
