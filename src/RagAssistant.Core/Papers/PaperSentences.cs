namespace RagAssistant.Core.Papers;

/// <summary>
/// One sentence of a paper as indexed: its place among the paper's sentences, its text as the abstract has it
/// (whitespace collapsed), its role once classified, and its vector (empty when the index has no embeddings).
/// </summary>
public sealed record PaperSentence(int Ordinal, string Text, SentenceRole? Role, ReadOnlyMemory<float> Vector);

/// <summary>
/// What the index keeps of a paper below the paper itself, for ranking and quoting: its title's vector and its
/// sentences in order. Both vectors come from the chunk's own encoding (see <c>IChunkEncoder</c>).
/// </summary>
public sealed record PaperSentences(string PaperId, ReadOnlyMemory<float> TitleVector, IReadOnlyList<PaperSentence> Sentences)
{
    /// <summary>The sentences of these chunks with no vectors and no roles: what an index without embeddings keeps.</summary>
    public static PaperSentences Unembedded(string paperId, IReadOnlyList<Chunk> chunks) =>
        new(paperId, ReadOnlyMemory<float>.Empty, [.. chunks.SelectMany(chunk => chunk.Sentences).Select((text, ordinal) => new PaperSentence(ordinal, text, null, ReadOnlyMemory<float>.Empty))]);
}
