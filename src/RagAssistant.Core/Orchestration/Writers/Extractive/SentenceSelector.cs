using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// Scores every sentence of the sources against the question — BM25-style term overlap always, the local
/// encoder's cosine when it is present — and picks a few by maximal marginal relevance (Carbonell &amp;
/// Goldstein, 1998), so that two sentences saying the same thing are not both used.
/// </summary>
internal sealed class SentenceSelector(IEmbeddingGenerator<string, Embedding<float>>? embedder)
{
    // The encoder costs 5-20 ms a sentence on this machine (by load) and dominates time to first text;
    // only the sentences term overlap already likes are embedded.
    public const int MaxEmbeddedSentences = 10;

    // Weight of relevance against novelty in MMR.
    private const double Lambda = 0.7;

    private const int MinWords = 5;

    // A sentence scoring under this share of the best one is filler from a marginal paper, not an answer.
    private const double MinShareOfBest = 0.6;

    public async Task<IReadOnlyList<CandidateSentence>> ScoreAsync(RetrievedSources retrieved, CancellationToken cancellationToken)
    {
        // The abstract's sentences, then the body passages retrieval offered (after them, so a paper's sentences keep the paper's order).
        var candidates = retrieved.Sources
            .SelectMany(source => SentenceSplitter.Split(ReferenceMarkers.Strip(source.Abstract))
                .Concat((source.Passages ?? []).Select(passage => ReferenceMarkers.Strip(passage.Text)))
                .Select((text, position) => new CandidateSentence(source, position, text, QuestionTerms.SetOf(text))))
            .Where(candidate => candidate.Text.Count(c => c == ' ') + 1 >= MinWords)
            .ToList();
        if (candidates.Count == 0) return candidates;

        var weights = TermWeights(retrieved.QueryTerms, candidates);
        var totalWeight = weights.Values.Sum();
        foreach (var candidate in candidates)
        {
            candidate.Overlap = totalWeight == 0 ? 0 : weights.Where(pair => candidate.Terms.Contains(pair.Key)).Sum(pair => pair.Value) / totalWeight;
            // The paper's own relevance is a prior: a good sentence of the best paper beats a lucky one of the fifth.
            candidate.Score = 0.7 * candidate.Overlap + 0.3 * candidate.Source.Relevance;
        }

        if (embedder is not null && retrieved.QueryVector is { } query)
        {
            var shortList = candidates.OrderByDescending(candidate => candidate.Score).Take(MaxEmbeddedSentences).ToList();
            var vectors = await embedder.GenerateAsync(shortList.Select(candidate => candidate.Text), cancellationToken: cancellationToken);
            for (var i = 0; i < shortList.Count; i++)
            {
                shortList[i].Vector = vectors[i].Vector;
                var cosine = TensorPrimitives.CosineSimilarity(vectors[i].Vector.Span, query.Span);
                shortList[i].Score = 0.45 * cosine + 0.35 * shortList[i].Overlap + 0.2 * shortList[i].Source.Relevance;
            }
            // Sentences the encoder never saw compete only on terms, at a discount.
            foreach (var candidate in candidates.Where(candidate => candidate.Vector is null)) candidate.Score *= 0.5;
        }
        return candidates;
    }

    /// <summary>
    /// Each paper's best sentence first — every source passed the relevance gate, so every source is cited — then more,
    /// up to <paramref name="count"/> in all and at most <paramref name="perSource"/> from one paper.
    /// </summary>
    public static IReadOnlyList<CandidateSentence> Pick(IReadOnlyList<CandidateSentence> candidates, int count, int perSource)
    {
        var chosen = candidates.GroupBy(candidate => candidate.Source.N).Select(paper => paper.MaxBy(candidate => candidate.Score)!).ToList();
        var floor = candidates.Count == 0 ? 0 : candidates.Max(candidate => candidate.Score) * MinShareOfBest;
        var remaining = candidates.Where(candidate => candidate.Score >= floor && !chosen.Contains(candidate)).ToList();
        while (chosen.Count < count && remaining.Count > 0)
        {
            var best = remaining
                .Where(candidate => chosen.Count(c => c.Source.N == candidate.Source.N) < perSource)
                .Select(candidate => (candidate, mmr: Lambda * candidate.Score - (1 - Lambda) * chosen.Select(c => Similarity(c, candidate)).DefaultIfEmpty(0).Max()))
                .OrderByDescending(entry => entry.mmr)
                .FirstOrDefault();
            if (best.candidate is null) break;
            chosen.Add(best.candidate);
            remaining.Remove(best.candidate);
        }
        return chosen;
    }

    private static double Similarity(CandidateSentence a, CandidateSentence b)
    {
        if (a.Vector is { } x && b.Vector is { } y) return TensorPrimitives.CosineSimilarity(x.Span, y.Span);
        var shared = a.Terms.Count(b.Terms.Contains);
        var union = a.Terms.Count + b.Terms.Count - shared;
        return union == 0 ? 0 : (double)shared / union;
    }

    /// <summary>IDF of each question term over the candidate sentences: a term every sentence has tells little.</summary>
    private static Dictionary<string, double> TermWeights(IReadOnlyList<string> queryTerms, IReadOnlyList<CandidateSentence> candidates) =>
        queryTerms.ToDictionary(
            term => term,
            term => Math.Log(1 + (candidates.Count + 0.5) / (candidates.Count(candidate => candidate.Terms.Contains(term)) + 0.5)));
}
