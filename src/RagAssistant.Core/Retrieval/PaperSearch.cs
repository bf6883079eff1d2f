using RagAssistant.Contracts;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// Search as users and agents see it: <see cref="PaperRetriever"/>'s ranking, each paper with the sentence of
/// its abstract that best matches the question. Nothing is withheld: a search lists the best matches even when weak.
/// </summary>
public sealed class PaperSearch(PaperRetriever retriever)
{
    public const int MaxTop = 100;

    public bool HasDenseSearch => retriever.HasEmbeddings;

    /// <summary>What orders the results by default, in words (<see cref="PaperRetriever.Ranking"/>).</summary>
    public string Ranking => retriever.Ranking;

    public async Task<SearchHits> SearchAsync(
        string question, int top = 10, SearchMode mode = SearchMode.Reranked, DateOnly? from = null, DateOnly? to = null,
        CancellationToken cancellationToken = default)
    {
        var retrieval = await retriever.RetrieveAsync(question, Math.Clamp(top, 1, MaxTop), mode, from, to, cancellationToken: cancellationToken);
        return new SearchHits([.. retrieval.Papers.Select(paper => new SearchHit(paper.Paper, paper.Score, SnippetChooser.Choose(paper.Paper, question)))], retrieval.UndatedLeftOut);
    }
}
