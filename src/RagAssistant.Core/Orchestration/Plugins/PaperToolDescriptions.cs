namespace RagAssistant.Core.Orchestration.Plugins;

/// <summary>
/// The names and descriptions a model reads for the paper tools, one copy for every surface that offers them: the
/// <c>papers</c> kernel plugin (agent mode, other SK agents in process) and the MCP tools.
/// </summary>
public static class PaperToolDescriptions
{
    public const string SearchPapersName = "search_papers";
    public const string GetPaperName = "get_paper";

    public const string SearchPapers =
        "Searches the indexed research papers (titles and abstracts) with hybrid keyword and semantic search. " +
        "Returns the best matches, most relevant first, each with its paper_id, title, date and the passage that matched. " +
        "Search again with other words when the first results miss part of the question; use get_paper with a paper_id to read a whole abstract.";

    public const string GetPaper =
        "Returns one indexed paper by its paper_id (from search_papers or a citation): title, whole abstract, date, " +
        "number of authors, upvotes and URL. Says so when no paper has that id.";

    public const string Query = "What to look for, in plain words, e.g. 'neural network emulators of atmospheric CO2 transport'.";
    public const string Top = "How many papers to return, 1 to 20; default 5.";
    public const string FromDate = "Only papers dated on or after this day, as yyyy-mm-dd; omit for no lower bound.";
    public const string ToDate = "Only papers dated on or before this day, as yyyy-mm-dd; omit for no upper bound.";
    public const string PaperId = "The paper_id of a search_papers result or of a citation.";
}
