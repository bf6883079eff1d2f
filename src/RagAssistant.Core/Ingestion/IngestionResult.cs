using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion;

/// <summary>Everything read from a set of paths: unique papers, how many entries and files they came from, and every problem found.</summary>
public sealed record IngestionResult(int Files, int Entries, IReadOnlyList<Paper> Papers, IReadOnlyList<IngestionError> Errors);
