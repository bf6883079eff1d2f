using Grpc.Core;

namespace RagAssistant.Qdrant.Connection;

/// <summary>Qdrant answered and refused a call; <see cref="Exception.Message"/> carries Qdrant's own explanation.</summary>
public sealed class QdrantException(StatusCode statusCode, string message, Exception innerException) : Exception(message, innerException)
{
    /// <summary>The gRPC status, e.g. <see cref="StatusCode.NotFound"/> or <see cref="StatusCode.Unauthenticated"/> (a wrong or missing API key).</summary>
    public StatusCode StatusCode { get; } = statusCode;
}
