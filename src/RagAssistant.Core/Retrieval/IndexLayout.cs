namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The version of what an index keeps of a paper, which both stores record beside the embedding signature. Layout 2
/// added each paper's sentences with their vectors and its title's vector (<see cref="Papers.PaperSentences"/>); layout 3
/// fills each sentence's role and reads LaTeX in BM25 terms as a reader does ("CO$_2$" is the term "co2"); layout 4 keeps
/// its authors' names and page count, and the section and page of each sentence of a full text. An index written before
/// would answer without roles, miss "CO2" or cite a PDF's body without its page.
/// </summary>
public static class IndexLayout
{
    public const int Current = 4;

    /// <summary>What a store recorded before it recorded a layout at all.</summary>
    public const int Unrecorded = 1;
}
