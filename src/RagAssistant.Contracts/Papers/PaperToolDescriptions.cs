namespace RagAssistant.Contracts;

/// <summary>
/// The names and descriptions a model reads for the paper tools, one copy for every surface that offers them: the
/// server's <c>papers</c> kernel plugin (agent mode), its MCP tools and the client's <c>PapersAgentPlugin</c>.
/// </summary>
public static class PaperToolDescriptions
{
    /// <summary>The search tool's name.</summary>
    public const string SearchPapersName = "search_papers";

    /// <summary>The read tool's name.</summary>
    public const string GetPaperName = "get_paper";

    /// <summary>What <c>search_papers</c> does, for a model.</summary>
    public const string SearchPapers =
        "Searches the indexed research papers (titles and abstracts) with hybrid keyword and semantic search. " +
        "Returns the best matches, most relevant first, each with its paper_id, title, date and the passage that matched. " +
        "Search again with other words when the first results miss part of the question; use get_paper with a paper_id to read a whole abstract.";

    /// <summary>What <c>get_paper</c> does, for a model.</summary>
    public const string GetPaper =
        "Returns one indexed paper by its paper_id (from search_papers or a citation): title, whole abstract, date, " +
        "number of authors, upvotes and URL. Says so when no paper has that id.";

    /// <summary>The <c>query</c> parameter.</summary>
    public const string Query = "What to look for, in plain words, e.g. 'neural network emulators of atmospheric CO2 transport'.";

    /// <summary>Most papers one <c>search_papers</c> call returns to a model, on every surface.</summary>
    public const int MaxTop = 20;

    /// <summary>The <c>top</c> parameter.</summary>
    public const string Top = "How many papers to return, 1 to 20; default 5.";

    /// <summary>The <c>from_date</c> parameter.</summary>
    public const string FromDate = "Only papers dated on or after this day, as yyyy-mm-dd; omit for no lower bound.";

    /// <summary>The <c>to_date</c> parameter.</summary>
    public const string ToDate = "Only papers dated on or before this day, as yyyy-mm-dd; omit for no upper bound.";

    /// <summary>The <c>paper_id</c> parameter.</summary>
    public const string PaperId = "The paper_id of a search_papers result or of a citation.";
}
