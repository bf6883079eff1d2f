using Microsoft.Extensions.AI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The one retrieval path, behind search (REST, MCP, <c>rag search</c>, <c>rag eval</c>) and the sources of every
/// answer: encodes the question once both ways, asks the store for its two raw rankings in one call, fuses them
/// (<see cref="RankingFusion"/>), re-orders the first fused papers with the <see cref="LearnedRanker"/> when it applies
/// to this index, cuts the list, and marks which papers an answer may cite (<see cref="Cites"/>).
/// </summary>
public sealed class PaperRetriever
{
    /// <summary>Each raw ranking contributes at least this many candidates, so fusion sees beyond the cut.</summary>
    public const int MinCandidates = RankingFeatures.RankingDepth;

    private readonly IPaperIndex _index;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;

    public PaperRetriever(
        IPaperIndex index,
        IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
        FusionSettings? fusion = null,
        RelevanceGate? gate = null,
        LearnedRanker? ranker = null)
    {
        _index = index;
        _embedder = embedder;
        Fusion = fusion ?? FusionSettings.Default;
        Gate = gate ?? RelevanceGate.Default;
        var signature = embedder is null ? EmbeddingSignature.None : SignatureOrNone(embedder);
        Ranker = ranker is not null && ranker.AppliesTo(signature) ? ranker : null;
        Ranking = Ranker is not null ? Ranker.ToString()
            : embedder is null ? "BM25 only (no embedding model), no learned ranker"
            : ranker is null ? $"fusion of {Fusion} and the relevance gate (the learned ranker is off: Ranking:Enabled=false)"
            : $"fusion of {Fusion} and the relevance gate: the ranker was trained on an index of {ranker.Model.Embedding}, this one is built by {signature}";
    }

    public bool HasEmbeddings => _embedder is not null;

    public FusionSettings Fusion { get; }

    /// <summary>Decides what an answer cites when the learned ranker does not apply.</summary>
    public RelevanceGate Gate { get; }

    /// <summary>The learned ranker, when it applies to this index's embedder; null otherwise (fusion and the gate decide).</summary>
    public LearnedRanker? Ranker { get; }

    /// <summary>What orders search results and decides citations, in words, for <c>rag eval</c> and the status page.</summary>
    public string Ranking { get; }

    /// <summary>
    /// The first <paramref name="top"/> papers for the question, each marked with whether an answer of this
    /// <paramref name="kind"/> may cite it. <see cref="SearchMode.Reranked"/> falls back to the fusion where the ranker
    /// does not apply, and every mode to BM25 without an embedder.
    /// </summary>
    public async Task<PaperRetrieval> RetrieveAsync(
        string question, int top, SearchMode mode = SearchMode.Reranked, DateOnly? from = null, DateOnly? to = null,
        AnswerKind kind = AnswerKind.Answer, CancellationToken cancellationToken = default)
    {
        top = Math.Max(1, top);
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var vector = await EncodeAsync(question, cancellationToken);
        var rankings = await _index.RankAsync(Query(question, vector, Math.Max(top * 4, MinCandidates), from, to), cancellationToken);
        if (vector is null) mode = SearchMode.Sparse;
        else if (mode == SearchMode.Reranked && Ranker is null) mode = SearchMode.Hybrid;

        var fused = Fuse(rankings, mode, Fusion);
        var chosen = mode == SearchMode.Reranked
            ? await RerankAsync(new RankingQuestion(question, rankings), Ranker!, fused, top, cancellationToken)
            : await ReadAsync(fused.Take(top), cancellationToken);

        var firstScore = fused.Count > 0 ? fused[0].Score : 0;
        var questionTerms = QuestionTerms.Of(question);
        var gate = Gate.For(kind);
        // With the ranker, the index covers the question when one of the papers found clears the gate's absolute floor.
        var covered = mode == SearchMode.Reranked && chosen.Any(entry => gate.Clears(entry.Fused.Cosine, () => TermCoverage(questionTerms, entry.Paper)));
        var undated = from is null && to is null ? (int?)null : await CountUndatedAsync(question, vector, top, mode, cancellationToken);
        return new PaperRetrieval(question, [.. chosen.Select(entry => new RetrievedPaper(
            entry.Paper, entry.Probability ?? entry.Fused.Score, entry.Fused.Cosine, entry.Fused.Bm25,
            Cites(entry), entry.Probability))], vector, BestCosine(rankings), undated);

        // The one decision of what an answer may cite. A direct answer with the ranker: every paper whose calibrated
        // probability reaches the model's threshold, once the question clears the gate's absolute floor. A summary, or any
        // answer without the ranker: the whole relevance gate (a summary ranges over a topic, and the probability was
        // calibrated on claims one or two papers answer; the ranker still decides the order). And whatever the scores,
        // a paper the question names.
        bool Cites((FusedPaper Fused, Paper Paper, double? Probability) entry) =>
            vector is null
                ? gate.AdmitsByTerms(TermCoverage(questionTerms, entry.Paper))
                : mode == SearchMode.Reranked && kind != AnswerKind.Summary
                    // Below the re-ranked candidates (no probability) nothing is cited.
                    ? RelevanceGate.IsNamedBy(question, entry.Paper.Title) || (covered && (entry.Probability ?? 0) >= Ranker!.Model.CiteThreshold)
                    : gate.Admits(question, entry.Paper.Title, entry.Fused.Cosine, () => TermCoverage(questionTerms, entry.Paper), RelevanceGate.ShareOf(entry.Fused.Score, firstScore));
    }

    /// <summary>
    /// The question encoded once both ways and the store's two raw rankings, each up to <paramref name="candidates"/>
    /// long; the vector is null without an embedder. Evaluation uses this to try fusions on the very same inputs.
    /// </summary>
    public async Task<QuestionRankings> RankAsync(
        string question, int candidates, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var vector = await EncodeAsync(question, cancellationToken);
        return new QuestionRankings(await _index.RankAsync(Query(question, vector, candidates, from, to), cancellationToken), vector);
    }

    /// <summary>The question as a dense query vector; null without an embedder.</summary>
    private async Task<ReadOnlyMemory<float>?> EncodeAsync(string question, CancellationToken cancellationToken)
    {
        // Spelled out: a bare null in the conditional would become an empty vector, not "no vector".
        ReadOnlyMemory<float>? vector = null;
        if (_embedder is not null) vector = (await _embedder.GenerateAsync([question], QueryEmbedding.Options, cancellationToken))[0].Vector;
        return vector;
    }

    /// <summary>What the store is asked for: both rankings of the question, each up to <paramref name="candidates"/> long.</summary>
    private static SearchQuery Query(string question, ReadOnlyMemory<float>? vector, int candidates, DateOnly? from = null, DateOnly? to = null) =>
        new(Bm25Encoder.EncodeQuery(question), vector, candidates, from, to);

    /// <summary>
    /// How many of the first <paramref name="top"/> papers without the date filter have no date, so a date filter can
    /// say what it left out: an undated paper is neither inside nor outside a range, and dropping it unannounced hides it.
    /// </summary>
    private async Task<int> CountUndatedAsync(string question, ReadOnlyMemory<float>? vector, int top, SearchMode mode, CancellationToken cancellationToken)
    {
        var rankings = await _index.RankAsync(Query(question, vector, Math.Max(top * 4, MinCandidates)), cancellationToken);
        var best = Fuse(rankings, mode, Fusion).Take(top).Select(paper => paper.PaperId).ToList();
        return (await _index.GetPapersAsync(best, cancellationToken)).Count(paper => paper.Date is null);
    }

    /// <summary>
    /// The second stage's input for one question: the first <see cref="RankingFeatures.Candidates"/> papers of the fusion
    /// over each ranking's first <see cref="RankingFeatures.RankingDepth"/>, read from the store, with their features.
    /// Training reads exactly what serving reads through this.
    /// </summary>
    public async Task<RankingInput> CandidatesAsync(RankingQuestion question, CancellationToken cancellationToken = default)
    {
        var rankings = new PaperRankings(
            [.. question.Rankings.Dense.Take(RankingFeatures.RankingDepth)], [.. question.Rankings.Sparse.Take(RankingFeatures.RankingDepth)]);
        var firstStage = RankingFusion.Fuse(rankings, Fusion).Take(RankingFeatures.Candidates).ToList();
        List<string> ids = [.. firstStage.Select(paper => paper.PaperId)];
        var papers = (await _index.GetPapersAsync(ids, cancellationToken)).ToDictionary(paper => paper.Id);
        List<RankingCandidate> candidates = [.. firstStage
            .Select((paper, rank) => (paper, rank))
            .Where(entry => papers.ContainsKey(entry.paper.PaperId)) // removed since it was ranked
            .Select(entry => new RankingCandidate(entry.paper, entry.rank + 1, papers[entry.paper.PaperId]))];
        var ranked = question with { Rankings = rankings };
        return new RankingInput(ranked, candidates, RankingFeatures.Compute(ranked, candidates));
    }

    /// <summary>
    /// One ranking for a search mode. Dense and sparse are the fusion with all weight on one side, restricted to
    /// that ranking's papers, so every mode keeps both raw scores and is gated alike; re-ranking starts from hybrid.
    /// </summary>
    public static IReadOnlyList<FusedPaper> Fuse(PaperRankings rankings, SearchMode mode, FusionSettings fusion) => mode switch
    {
        SearchMode.Dense => [.. RankingFusion.Fuse(rankings, fusion with { DenseWeight = 1 }).Where(paper => paper.Cosine is not null)],
        SearchMode.Sparse => [.. RankingFusion.Fuse(rankings, fusion with { DenseWeight = 0 }).Where(paper => paper.Bm25 is not null)],
        _ => RankingFusion.Fuse(rankings, fusion),
    };

    /// <summary>The sentences and title vectors of these papers, as the index keeps them.</summary>
    public Task<IReadOnlyList<PaperSentences>> GetSentencesAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken = default) =>
        _index.GetSentencesAsync(paperIds, cancellationToken);

    /// <summary>The best cosine among the dense candidates, reported beside a declined question.</summary>
    public static double BestCosine(PaperRankings rankings) => rankings.Dense.Count > 0 ? rankings.Dense.Max(hit => hit.Score) : 0;

    /// <summary>Share of the question's content terms found in the paper's title or abstract (0 when it has none).</summary>
    public static double TermCoverage(IReadOnlyList<string> questionTerms, Paper paper)
    {
        if (questionTerms.Count == 0) return 0;
        var paperTerms = QuestionTerms.SetOf($"{paper.Title}\n{paper.Abstract}");
        return (double)questionTerms.Count(paperTerms.Contains) / questionTerms.Count;
    }

    /// <summary>The ranker's order of the first-stage candidates, each with its probability; the fused order below them.</summary>
    private async Task<List<(FusedPaper Fused, Paper Paper, double? Probability)>> RerankAsync(
        RankingQuestion question, LearnedRanker ranker, IReadOnlyList<FusedPaper> fused, int top, CancellationToken cancellationToken)
    {
        var input = await CandidatesAsync(question, cancellationToken);
        var reranked = input.Candidates
            .Select((candidate, i) => (candidate, score: ranker.Score(input.Features[i])))
            .OrderByDescending(entry => entry.score)
            .ThenBy(entry => entry.candidate.FusedRank)
            .Take(top)
            .Select(entry => (entry.candidate.Fused, entry.candidate.Paper, (double?)ranker.Probability(entry.score)))
            .ToList();
        if (reranked.Count < top)
        {
            var seen = input.Candidates.Select(candidate => candidate.Paper.Id).ToHashSet();
            reranked.AddRange(await ReadAsync(fused.Where(paper => !seen.Contains(paper.PaperId)).Take(top - reranked.Count), cancellationToken));
        }
        return reranked;
    }

    /// <summary>The papers of a fused list, in its order, without a probability.</summary>
    private async Task<List<(FusedPaper Fused, Paper Paper, double? Probability)>> ReadAsync(IEnumerable<FusedPaper> fused, CancellationToken cancellationToken)
    {
        var list = fused.ToList();
        var papers = (await _index.GetPapersAsync([.. list.Select(paper => paper.PaperId)], cancellationToken)).ToDictionary(paper => paper.Id);
        return [.. list
            .Where(paper => papers.ContainsKey(paper.PaperId)) // removed since it was ranked
            .Select(paper => (paper, papers[paper.PaperId], (double?)null))];
    }

    private static EmbeddingSignature SignatureOrNone(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        // A remote embedder that does not declare its dimension cannot be the local model the ranker knows.
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        return metadata?.DefaultModelDimensions is { } dimension
            ? new EmbeddingSignature(metadata.ProviderName ?? "unknown", metadata.DefaultModelId ?? "unknown", dimension)
            : EmbeddingSignature.None;
    }
}
