namespace RagAssistant.Core.Papers;

/// <summary>
/// One sentence of a paper as indexed: its place among the paper's sentences, its text as the abstract (or body) has it
/// (whitespace collapsed), its role once classified, and its vector (empty when the index has no embeddings). A sentence
/// of the body also has its <see cref="Section"/> and <see cref="Page"/>; an abstract's sentences have neither.
/// </summary>
public sealed record PaperSentence(int Ordinal, string Text, SentenceRole? Role, ReadOnlyMemory<float> Vector)
{
    /// <summary>The heading of the body section the sentence is in; null for the abstract.</summary>
    public string? Section { get; init; }

    /// <summary>The page of the PDF the sentence starts on; null for the abstract.</summary>
    public int? Page { get; init; }

    public bool IsBody => Page is not null;

    /// <summary>Sentence <paramref name="index"/> of <paramref name="chunk"/>, numbered <paramref name="ordinal"/> among the paper's, with where it stands.</summary>
    public static PaperSentence Of(Chunk chunk, int index, int ordinal, ReadOnlyMemory<float> vector) =>
        new(ordinal, chunk.Sentences[index], null, vector) { Section = chunk.Place?.Section, Page = chunk.Place?.Pages[index] };
}

/// <summary>
/// What the index keeps of a paper below the paper itself, for ranking and quoting: its title's vector and its
/// sentences in order. Both vectors come from the chunk's own encoding (see <c>IChunkEncoder</c>).
/// </summary>
public sealed record PaperSentences(string PaperId, ReadOnlyMemory<float> TitleVector, IReadOnlyList<PaperSentence> Sentences)
{
    /// <summary>The sentences of these chunks with no vectors and no roles: what an index without embeddings keeps.</summary>
    public static PaperSentences Unembedded(string paperId, IReadOnlyList<Chunk> chunks) =>
        new(paperId, ReadOnlyMemory<float>.Empty, [.. chunks
            .SelectMany(chunk => chunk.Sentences.Select((_, index) => (chunk, index)))
            .Select((sentence, ordinal) => PaperSentence.Of(sentence.chunk, sentence.index, ordinal, ReadOnlyMemory<float>.Empty))]);
}
