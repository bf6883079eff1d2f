using Microsoft.Extensions.AI;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The one way to search papers: encodes the question for BM25 and, when an embedder is configured,
/// as a vector, asks the index for both raw rankings, and fuses them here. Without an embedder every
/// search is BM25.
/// </summary>
public sealed class PaperSearch(IPaperIndex index, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    public const int MaxTop = 100;

    public bool HasDenseSearch => embedder is not null;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(
        string question, int top = 10, SearchMode mode = SearchMode.Hybrid, DateOnly? from = null, DateOnly? to = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        if (embedder is null) mode = SearchMode.Sparse;
        top = Math.Clamp(top, 1, MaxTop);
        // Spelled out: a bare null in the conditional would become an empty vector, not "no vector".
        ReadOnlyMemory<float>? vector = null;
        if (mode != SearchMode.Sparse) vector = (await embedder!.GenerateAsync([question], QueryEmbedding.Options, cancellationToken))[0].Vector;
        var terms = mode == SearchMode.Dense ? SparseVector.Empty : Bm25Encoder.EncodeQuery(question);
        var rankings = await index.RankAsync(new SearchQuery(terms, vector, Math.Max(top * 4, 100), from, to), cancellationToken);

        IReadOnlyList<RankedPaper> ranked = mode switch
        {
            SearchMode.Sparse => rankings.Sparse,
            SearchMode.Dense => rankings.Dense,
            _ => [.. HybridFusion.Fuse([.. rankings.Dense.Select(hit => (hit.PaperId, hit.Score))], [.. rankings.Sparse.Select(hit => (hit.PaperId, hit.Score))])
                .Select(hit => new RankedPaper(hit.PaperId, hit.Score))],
        };
        var chosen = ranked.Take(top).ToList();
        var papers = await index.GetPapersAsync([.. chosen.Select(hit => hit.PaperId)], cancellationToken);
        var score = chosen.ToDictionary(hit => hit.PaperId, hit => hit.Score);
        return [.. papers.Select(paper => new SearchHit(paper, score[paper.Id], SnippetChooser.Choose(paper, question)))];
    }
}
