using Grpc.Core;

namespace RagAssistant.Qdrant.Connection;

/// <summary>Qdrant answered and refused a call (a malformed request, a missing collection); the message carries Qdrant's own explanation.</summary>
public sealed class QdrantRefusedException(StatusCode statusCode, string message, Exception innerException) : Exception(message, innerException)
{
    /// <summary>The gRPC status, e.g. <see cref="StatusCode.InvalidArgument"/>; <see cref="StatusCode.Unknown"/> when Qdrant answered "not done" without one.</summary>
    public StatusCode StatusCode { get; } = statusCode;
}
