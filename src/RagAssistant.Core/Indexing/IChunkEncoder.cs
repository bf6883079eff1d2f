namespace RagAssistant.Core.Indexing;

/// <summary>
/// Turns chunks into the vectors the index keeps: each chunk's own vector (what dense search ranks by), and the
/// vectors of its title and of each of its sentences (what the ranker and the writers compare a question with).
/// Two implementations: the local model encodes a chunk once and pools its title's and sentences' word pieces from
/// that one pass; any other embedder encodes the title and each sentence as texts of their own.
/// </summary>
public interface IChunkEncoder
{
    Task<IReadOnlyList<EncodedChunk>> EncodeAsync(IReadOnlyList<Papers.Chunk> chunks, CancellationToken cancellationToken = default);
}

/// <summary>A chunk's vector, its title's, and one per sentence in the chunk's order; all unit length.</summary>
public sealed record EncodedChunk(ReadOnlyMemory<float> Vector, ReadOnlyMemory<float> TitleVector, IReadOnlyList<ReadOnlyMemory<float>> SentenceVectors);
