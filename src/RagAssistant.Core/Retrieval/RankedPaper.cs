namespace RagAssistant.Core.Retrieval;

/// <summary>A paper's place in one raw ranking: dense = cosine of its best chunk; sparse = BM25 (Qdrant's IDF over papers).</summary>
public sealed record RankedPaper(string PaperId, double Score);
