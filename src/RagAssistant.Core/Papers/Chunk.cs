namespace RagAssistant.Core.Papers;

/// <summary>
/// A window of a paper's abstract, small enough for the embedder's token budget. Every chunk is
/// embedded together with its paper's title, so a window never loses what the paper is about.
/// </summary>
public sealed record Chunk(string PaperId, int Ordinal, string Title, string Body)
{
    public string Id => $"{PaperId}#{Ordinal}";

    /// <summary>What the embedder reads.</summary>
    public string Text => $"{Title}\n{Body}";
}
