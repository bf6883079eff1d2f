namespace RagAssistant.Core.Ingestion;

/// <summary>Something in the input that could not become a paper. Line 0 means the whole file.</summary>
public sealed record IngestionError(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
