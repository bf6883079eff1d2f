using System.Text.Json.Serialization;

namespace RagAssistant.Contracts;

/// <summary>
/// Milliseconds from the start of the request: until the sources were known (<paramref name="RetrievalMs"/>,
/// condensing included), until the first text event (<paramref name="FirstTextMs"/>), and until done.
/// </summary>
public sealed record AnswerTimings(
    [property: JsonPropertyName("retrieval_ms")] double RetrievalMs,
    [property: JsonPropertyName("first_text_ms")] double? FirstTextMs,
    [property: JsonPropertyName("total_ms")] double TotalMs);
