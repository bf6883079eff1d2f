namespace RagAssistant.Core.Papers;

/// <summary>
/// A window of whole sentences of a paper's abstract or of one section of its body, small enough for the embedder's
/// token budget. Every chunk is embedded together with its paper's title, so a window never loses what the paper is
/// about. The sentences of a paper's chunks, in order, are its sentences as the index keeps them (<see cref="PaperSentences"/>).
/// </summary>
public sealed record Chunk(string PaperId, int Ordinal, string Title, IReadOnlyList<string> Sentences)
{
    public string Id => $"{PaperId}#{Ordinal}";

    public string Body => string.Join(' ', Sentences);

    /// <summary>What the embedder reads.</summary>
    public string Text => $"{Title}\n{Body}";

    /// <summary>Where a chunk of the body stands in the paper; null for the abstract's chunks.</summary>
    public ChunkPlace? Place { get; init; }
}

/// <summary>A body chunk's section heading and the page each of its sentences starts on, one per sentence.</summary>
public sealed record ChunkPlace(string Section, IReadOnlyList<int> Pages);
