namespace RagAssistant.Core.Retrieval;

/// <summary>A store that lives in another process (Qdrant) cannot be reached; the CLI exits with code 3.</summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
