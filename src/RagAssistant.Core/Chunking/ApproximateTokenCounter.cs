namespace RagAssistant.Core.Chunking;

/// <summary>
/// For embedders whose tokenizer is not in this process (OpenAI-compatible services, or none):
/// about four characters a token, which overestimates English text slightly, so chunks stay inside the budget.
/// </summary>
public sealed class ApproximateTokenCounter(int maxTokens) : ITokenCounter
{
    public int MaxTokens { get; } = maxTokens;

    public int CountTokens(string text) => (text.Length + 3) / 4;
}
