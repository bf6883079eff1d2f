using Microsoft.Extensions.AI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The one retrieval path, behind search (REST, MCP, <c>rag search</c>, <c>rag eval</c>) and the sources of every
/// answer: encodes the question once both ways, asks the store for its two raw rankings in one call, fuses them
/// (<see cref="RankingFusion"/>), cuts the list, and marks which papers pass the <see cref="RelevanceGate"/>.
/// </summary>
public sealed class PaperRetriever(
    IPaperIndex index,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
    FusionSettings? fusion = null,
    RelevanceGate? gate = null)
{
    /// <summary>Each raw ranking contributes at least this many candidates, so fusion sees beyond the cut.</summary>
    public const int MinCandidates = 100;

    public bool HasEmbeddings => embedder is not null;

    public FusionSettings Fusion { get; } = fusion ?? FusionSettings.Default;

    public RelevanceGate Gate { get; } = gate ?? RelevanceGate.Default;

    /// <summary>The first <paramref name="top"/> papers for the question, each marked relevant or not by <paramref name="gate"/> (default: <see cref="Gate"/>).</summary>
    public async Task<PaperRetrieval> RetrieveAsync(
        string question, int top, SearchMode mode = SearchMode.Hybrid, DateOnly? from = null, DateOnly? to = null,
        RelevanceGate? gate = null, CancellationToken cancellationToken = default)
    {
        gate ??= Gate;
        top = Math.Max(1, top);
        var (rankings, vector) = await RankAsync(question, Math.Max(top * 4, MinCandidates), from, to, cancellationToken);
        if (vector is null) mode = SearchMode.Sparse;

        var chosen = Fuse(rankings, mode, Fusion).Take(top).ToList();
        var papers = (await index.GetPapersAsync([.. chosen.Select(paper => paper.PaperId)], cancellationToken)).ToDictionary(paper => paper.Id);
        var firstScore = chosen.Count > 0 ? chosen[0].Score : 0;
        var questionTerms = QuestionTerms.Of(question);
        return new PaperRetrieval(question, [.. chosen
            .Where(paper => papers.ContainsKey(paper.PaperId)) // removed since it was ranked
            .Select(paper => new RetrievedPaper(papers[paper.PaperId], paper.Score, paper.Cosine, paper.Bm25, IsRelevant(paper, papers[paper.PaperId])))],
            vector, BestCosine(rankings));

        bool IsRelevant(FusedPaper fusedPaper, Paper paper) => vector is null
            ? gate.AdmitsByTerms(TermCoverage(questionTerms, paper))
            : gate.Admits(fusedPaper.Cosine, () => TermCoverage(questionTerms, paper), RelevanceGate.ShareOf(fusedPaper.Score, firstScore))
              || RelevanceGate.IsNamedBy(question, paper.Title);
    }

    /// <summary>
    /// The question encoded once both ways and the store's two raw rankings, each up to <paramref name="candidates"/>
    /// long; the vector is null without an embedder. Evaluation uses this to try fusions on the very same inputs.
    /// </summary>
    public async Task<QuestionRankings> RankAsync(
        string question, int candidates, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        // Spelled out: a bare null in the conditional would become an empty vector, not "no vector".
        ReadOnlyMemory<float>? vector = null;
        if (embedder is not null) vector = (await embedder.GenerateAsync([question], QueryEmbedding.Options, cancellationToken))[0].Vector;
        var rankings = await index.RankAsync(new SearchQuery(Bm25Encoder.EncodeQuery(question), vector, candidates, from, to), cancellationToken);
        return new QuestionRankings(rankings, vector);
    }

    /// <summary>
    /// One ranking for a search mode. Dense and sparse are the fusion with all weight on one side, restricted to
    /// that ranking's papers, so every mode keeps both raw scores and is gated alike.
    /// </summary>
    public static IReadOnlyList<FusedPaper> Fuse(PaperRankings rankings, SearchMode mode, FusionSettings fusion) => mode switch
    {
        SearchMode.Dense => [.. RankingFusion.Fuse(rankings, fusion with { DenseWeight = 1 }).Where(paper => paper.Cosine is not null)],
        SearchMode.Sparse => [.. RankingFusion.Fuse(rankings, fusion with { DenseWeight = 0 }).Where(paper => paper.Bm25 is not null)],
        _ => RankingFusion.Fuse(rankings, fusion),
    };

    /// <summary>The sentences and title vectors of these papers, as the index keeps them.</summary>
    public Task<IReadOnlyList<PaperSentences>> GetSentencesAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default) =>
        index.GetSentencesAsync(paperIds, cancellationToken);

    /// <summary>The best cosine among the dense candidates, reported beside a declined question.</summary>
    public static double BestCosine(PaperRankings rankings) => rankings.Dense.Count > 0 ? rankings.Dense.Max(hit => hit.Score) : 0;

    /// <summary>Share of the question's content terms found in the paper's title or abstract (0 when it has none).</summary>
    public static double TermCoverage(IReadOnlyList<string> questionTerms, Paper paper)
    {
        if (questionTerms.Count == 0) return 0;
        var paperTerms = QuestionTerms.SetOf($"{paper.Title}\n{paper.Abstract}");
        return (double)questionTerms.Count(paperTerms.Contains) / questionTerms.Count;
    }
}
