namespace RagAssistant.Core.Retrieval;

/// <summary>
/// A paper's place in the fused ranking, with its raw scores kept for the relevance gate: the cosine of its
/// best chunk and its BM25 score, each null when the paper is not among that ranking's candidates.
/// </summary>
public sealed record FusedPaper(string PaperId, double Score, double? Cosine, double? Bm25);
