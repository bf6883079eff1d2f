namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The version of what an index keeps of a paper, which both stores record beside the embedding signature. Layout 2
/// added each paper's sentences with their vectors and its title's vector (<see cref="Papers.PaperSentences"/>); layout 3
/// its authors' names and page count, and the section and page of each sentence of a full text.
/// </summary>
public static class IndexLayout
{
    public const int Current = 3;

    /// <summary>What a store recorded before it recorded a layout at all.</summary>
    public const int Unrecorded = 1;
}
