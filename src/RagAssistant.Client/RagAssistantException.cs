using System.Net;

namespace RagAssistant.Client;

/// <summary>
/// The server refused or failed a request. The message is the server's RFC 7807 problem detail when it sent one;
/// <see cref="Errors"/> holds validation errors by field.
/// </summary>
public sealed class RagAssistantException : Exception
{
    /// <summary>Creates the exception for a failed response.</summary>
    public RagAssistantException(HttpStatusCode statusCode, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        StatusCode = statusCode;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    /// <summary>The HTTP status: 400 invalid input, 401 missing or wrong API key, 503 a service the server needs is down.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Validation errors keyed by the request field they concern; empty for other failures.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
