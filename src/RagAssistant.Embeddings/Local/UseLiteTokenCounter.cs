using RagAssistant.Core.Chunking;

namespace RagAssistant.Embeddings.Local;

/// <summary>Counts tokens with the local model's own tokenizer, so chunks fit the 128 tokens the encoder reads.</summary>
public sealed class UseLiteTokenCounter(UseLiteModel model) : ITokenCounter
{
    public int MaxTokens => UseLiteModel.MaxTokens;

    public int CountTokens(string text) => model.Tokenizer.CountTokens(text);
}
