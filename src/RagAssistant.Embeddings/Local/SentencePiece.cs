namespace RagAssistant.Embeddings.Local;

/// <summary>One vocabulary entry of a SentencePiece unigram model: the piece and its log-probability score.</summary>
public sealed record SentencePiece(string Text, double Score);
