using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration.Sources;

/// <summary>
/// The papers an answer may cite: the first papers of <see cref="PaperRetriever"/>'s ranking that pass its
/// relevance gate — the same ranking <c>rag eval</c> measures — numbered from 1. When none passes, the closest
/// titles are kept as "nearest papers", never cited.
/// </summary>
public sealed class SourceRetriever(PaperRetriever retriever, IOptions<AssistantOptions> options)
{
    public const int NearestPaperCount = 3;

    /// <summary>A literature summary ranges wider than an answer: papers down to half the first paper's fused score, not 0.7.</summary>
    public const double SummaryShareOfFirst = 0.5;

    public bool HasEmbeddings => retriever.HasEmbeddings;

    public async Task<RetrievedSources> RetrieveAsync(
        string query, AnswerKind kind, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var settings = options.Value;
        var limit = Math.Max(1, kind == AnswerKind.Summary ? settings.MaxSummarySources : settings.MaxSources);
        var gate = kind == AnswerKind.Summary ? retriever.Gate with { MinShareOfFirst = SummaryShareOfFirst } : retriever.Gate;
        var retrieval = await retriever.RetrieveAsync(query, limit, SearchMode.Hybrid, from, to, gate, cancellationToken);
        var queryTerms = QuestionTerms.Of(query);

        var sources = RetrievedSources.Numbered(retrieval.Relevant.Select(paper => ToSource(paper, Relevance(paper))));
        var nearest = sources.Count > 0
            ? []
            : retrieval.Papers.Take(NearestPaperCount).Select(paper => new NearestPaper(paper.Paper.Id, paper.Paper.Title, Math.Round(Relevance(paper), 4))).ToList();
        var best = retrieval.Papers.Count > 0 ? retrieval.Papers.Max(Relevance) : 0;
        var sentences = sources.Count == 0 ? [] : await retriever.GetSentencesAsync([.. sources.Select(source => source.PaperId)], cancellationToken);
        return new RetrievedSources(query, sources, queryTerms, retrieval.QueryVector, best, nearest,
            Sentences: sentences.ToDictionary(paper => paper.PaperId, StringComparer.Ordinal));

        // With embeddings, a paper's relevance is its raw cosine (what the gate judged); without, its share of the question's terms.
        double Relevance(RetrievedPaper paper) =>
            retrieval.QueryVector is null ? PaperRetriever.TermCoverage(queryTerms, paper.Paper) : paper.Cosine ?? 0;
    }

    private static AnswerSource ToSource(RetrievedPaper paper, double relevance) =>
        new(0, paper.Paper.Id, paper.Paper.Title, paper.Paper.Date, paper.Paper.AuthorCount, paper.Paper.Url, paper.Paper.Abstract, Math.Round(relevance, 4));
}
