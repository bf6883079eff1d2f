namespace RagAssistant.Core.Orchestration.Events;

/// <summary>
/// Milliseconds from the start of the request: until the sources were known (<paramref name="RetrievalMs"/>,
/// condensing included), until the first text event (<paramref name="FirstTextMs"/>), and until done.
/// </summary>
public sealed record AnswerTimings(double RetrievalMs, double? FirstTextMs, double TotalMs);
