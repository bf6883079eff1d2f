using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Orchestration.Events;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Orchestration.Sources;

/// <summary>
/// Finds the papers an answer may cite: hybrid retrieval (dense + BM25 fused by reciprocal rank), then a
/// relevance threshold that decides whether the index covers the question at all, then numbering from 1.
/// It asks the index for the two rankings itself, instead of going through <see cref="PaperSearch"/>,
/// because it needs the raw cosine of each paper (fused scores say nothing about relevance) and the
/// question's vector for the writer, both from a single call to the encoder.
/// </summary>
public sealed class SourceRetriever(
    IPaperIndex index,
    IOptions<AssistantOptions> options,
    IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
{
    // Papers ranked below the best by more than this are left out: they dilute a topic answer.
    private const double RelativeFloor = 0.75;

    public bool HasEmbeddings => embedder is not null;

    public async Task<RetrievedSources> RetrieveAsync(
        string query, AnswerKind kind, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var settings = options.Value;
        var limit = Math.Max(1, kind == AnswerKind.Summary ? settings.MaxSummarySources : settings.MaxSources);
        var pool = Math.Max(limit * 3, 15);
        var queryTerms = QuestionTerms.Of(query);

        // The cast matters: a bare null would convert to an empty ReadOnlyMemory (through float[]), not to "no vector".
        var vector = embedder is null
            ? (ReadOnlyMemory<float>?)null
            : (await embedder.GenerateAsync([query], QueryEmbedding.Options, cancellationToken))[0].Vector;
        var terms = Bm25Encoder.EncodeQuery(query);
        var rankings = await index.RankAsync(new SearchQuery(terms, vector, pool, from, to), cancellationToken);
        var dense = rankings.Dense;
        var sparse = rankings.Sparse;

        var cosine = dense.ToDictionary(hit => hit.PaperId, hit => hit.Score);
        // A paper outside the dense pool is at most as similar as the pool's last paper.
        var cosineCeiling = dense.Count > 0 ? dense.Min(hit => hit.Score) : 0;
        var fused = ReciprocalRankFusion.Fuse<string>([
            [.. dense.Select(hit => hit.PaperId)],
            [.. sparse.Select(hit => hit.PaperId)],
        ]);
        var papers = await index.GetPapersAsync([.. fused.Select(entry => entry.Item)], cancellationToken);

        var scored = papers
            .Select(paper => (paper, relevance: Relevance(paper)))
            .OrderByDescending(entry => entry.relevance)
            .ToList();
        var best = scored.Count > 0 ? scored[0].relevance : 0;
        var threshold = vector is null ? settings.MinTermCoverage : settings.MinRelevance;
        var chosen = scored
            .Where(entry => entry.relevance >= threshold && entry.relevance >= best * RelativeFloor)
            .Take(limit)
            .Select((entry, i) => ToSource(entry.paper, i + 1, entry.relevance))
            .ToList();
        return new RetrievedSources(query, chosen, queryTerms, vector, best);

        double Relevance(Paper paper)
        {
            var coverage = SourceRelevance.TermCoverage(queryTerms, paper);
            return vector is null ? coverage : SourceRelevance.Blend(cosine.GetValueOrDefault(paper.Id, cosineCeiling), coverage);
        }
    }

    private static AnswerSource ToSource(Paper paper, int n, double relevance) =>
        new(n, paper.Id, paper.Title, paper.Date, paper.AuthorCount, paper.Url, paper.Abstract, Math.Round(relevance, 4));
}
