namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The version of what an index keeps of a paper, which both stores record beside the embedding signature. Layout 2
/// added each paper's sentences with their vectors and its title's vector (<see cref="Papers.PaperSentences"/>).
/// </summary>
public static class IndexLayout
{
    public const int Current = 2;

    /// <summary>What a store recorded before it recorded a layout at all.</summary>
    public const int Unrecorded = 1;
}
