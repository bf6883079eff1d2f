using System.Text.Json.Serialization;

namespace RagAssistant.Client.Models;

/// <summary>An RFC 7807 problem as the server sends it with a failed response.</summary>
internal sealed record ProblemDetails(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("errors")] Dictionary<string, string[]>? Errors);
