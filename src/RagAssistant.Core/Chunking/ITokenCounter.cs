namespace RagAssistant.Core.Chunking;

/// <summary>Counts tokens the way the configured embedder does, so chunks fit its budget.</summary>
public interface ITokenCounter
{
    /// <summary>How many tokens the embedder reads at most; text beyond it is ignored by the model.</summary>
    int MaxTokens { get; }

    int CountTokens(string text);
}
