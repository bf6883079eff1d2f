using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// A paper ready to store: its chunks, one dense vector per chunk (empty when dense search is off), its BM25 terms,
/// and its sentences with their vectors and its title's vector.
/// </summary>
public sealed record IndexedPaper(Paper Paper, IReadOnlyList<Chunk> Chunks, IReadOnlyList<ReadOnlyMemory<float>> Vectors, SparseVector Terms, PaperSentences Sentences);
