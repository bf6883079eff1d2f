namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The version of what an index keeps of a paper, which both stores record beside the embedding signature. Layout 2
/// added each paper's sentences with their vectors and its title's vector (<see cref="Papers.PaperSentences"/>); layout 3
/// fills each sentence's role and reads LaTeX in BM25 terms as a reader does ("CO$_2$" is the term "co2"), so an index
/// written before either would answer without roles and miss "CO2".
/// </summary>
public static class IndexLayout
{
    public const int Current = 3;

    /// <summary>What a store recorded before it recorded a layout at all.</summary>
    public const int Unrecorded = 1;
}
