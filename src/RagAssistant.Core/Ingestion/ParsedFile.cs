using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion;

/// <summary>What one file yielded: its entries (duplicates included) and what went wrong in it.</summary>
public sealed record ParsedFile(string File, IReadOnlyList<Paper> Entries, IReadOnlyList<IngestionError> Errors);
