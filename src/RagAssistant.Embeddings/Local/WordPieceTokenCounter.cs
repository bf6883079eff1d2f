using RagAssistant.Core.Chunking;

namespace RagAssistant.Embeddings.Local;

/// <summary>Counts the local model's word pieces, so chunks fit one window of the encoder.</summary>
public sealed class WordPieceTokenCounter(SentenceTransformer model, int maxTokens) : ITokenCounter
{
    /// <summary>Counts against a full window of the model (<see cref="LocalModel.MaxTextTokens"/>).</summary>
    public WordPieceTokenCounter(SentenceTransformer model)
        : this(model, model.Model.MaxTextTokens)
    {
    }

    public int MaxTokens { get; } = maxTokens is > 0 && maxTokens <= model.Model.MaxTextTokens
        ? maxTokens
        : throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, $"{model.Model.Name} reads 1 to {model.Model.MaxTextTokens} word pieces per window.");

    public int CountTokens(string text) => model.Tokenizer.CountTokens(text);
}
