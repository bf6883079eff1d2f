using RagAssistant.Core.Ingestion;

namespace RagAssistant.Core.Indexing;

/// <summary>
/// What a run of the indexer did. <see cref="Chunks"/> counts the chunks embedded and written in
/// this run (0 when nothing changed).
/// </summary>
public sealed record IndexSummary(
    int Files,
    int Entries,
    int Papers,
    int Added,
    int Updated,
    int Unchanged,
    int Chunks,
    IReadOnlyList<IngestionError> Errors,
    double Seconds);

/// <summary>Papers written so far out of those that needed writing.</summary>
public readonly record struct IndexProgress(int Done, int Total);
