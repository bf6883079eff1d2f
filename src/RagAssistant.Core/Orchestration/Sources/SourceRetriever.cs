using Microsoft.Extensions.Options;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration.Sources;

/// <summary>
/// The papers an answer may cite: those of the first papers of <see cref="PaperRetriever"/>'s ranking that it marks
/// citable — the same ranking <c>rag eval</c> measures — numbered from 1. When none passes, the closest
/// titles are kept as "nearest papers", never cited.
/// </summary>
public sealed class SourceRetriever(PaperRetriever retriever, IOptions<AssistantOptions> options)
{
    public const int NearestPaperCount = 3;

    public bool HasEmbeddings => retriever.HasEmbeddings;

    public async Task<RetrievedSources> RetrieveAsync(
        string query, AnswerKind kind, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var settings = options.Value;
        var limit = Math.Max(1, kind == AnswerKind.Summary ? settings.MaxSummarySources : settings.MaxSources);
        var retrieval = await retriever.RetrieveAsync(query, limit, SearchMode.Reranked, from, to, kind, cancellationToken);
        var queryTerms = QuestionTerms.Of(query);

        var sources = RetrievedSources.Numbered(retrieval.Relevant.Select(paper => ToSource(paper, Relevance(paper))));
        var nearest = sources.Count > 0
            ? []
            : retrieval.Papers.Take(NearestPaperCount).Select(paper => new NearestPaper(paper.Paper.Id, paper.Paper.Title, Math.Round(Relevance(paper), 4))).ToList();
        var best = retrieval.Papers.Count > 0 ? retrieval.Papers.Max(Relevance) : 0;
        var sentences = sources.Count == 0
            ? new Dictionary<string, PaperSentences>()
            : (await retriever.GetSentencesAsync([.. sources.Select(source => source.PaperId)], cancellationToken)).ToDictionary(paper => paper.PaperId, StringComparer.Ordinal);
        sources = [.. sources.Select(source => source with { Passages = BodyPassages.Of(sentences.GetValueOrDefault(source.PaperId), queryTerms, retrieval.QueryVector) })];
        return new RetrievedSources(query, sources, queryTerms, retrieval.QueryVector, best, nearest,
            Sentences: sentences, UndatedLeftOut: retrieval.UndatedLeftOut);

        // What decided the citation: the ranker's probability; without the ranker the raw cosine the gate judged; without
        // embeddings the share of the question's terms.
        double Relevance(RetrievedPaper paper) =>
            paper.Probability ?? (retrieval.QueryVector is null ? PaperRetriever.TermCoverage(queryTerms, paper.Paper) : paper.Cosine ?? 0);
    }

    private static AnswerSource ToSource(RetrievedPaper paper, double relevance) =>
        new(0, paper.Paper.Id, paper.Paper.Title, paper.Paper.Date, paper.Paper.AuthorCount, paper.Paper.Url, paper.Paper.Abstract, Math.Round(relevance, 4),
            Authors: paper.Paper.Authors.Count > 0 ? paper.Paper.Authors : null);
}
