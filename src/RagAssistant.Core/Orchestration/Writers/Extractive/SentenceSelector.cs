using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// Chooses what an answer quotes. Every sentence of the sources is scored for how closely it speaks to the question —
/// BM25-style term overlap always, the cosine of its vector when there is one — and that relevance is weighed by how well
/// its role serves what the question asks (<see cref="QuestionAim"/>: a result for "how well", a method for "how does").
/// A sentence that leans on the one before it ("This design…", "To address these issues, …") is quoted only after the
/// sentences it leans on (<see cref="Passage"/>). Passages are picked by maximal marginal relevance (Carbonell &amp;
/// Goldstein, 1998), so two that say the same thing are not both used.
/// </summary>
internal sealed class SentenceSelector(IEmbeddingGenerator<string, Embedding<float>>? embedder, QuotePolicy policy)
{
    // For sources without stored vectors (a paper an agent's tool found) the encoder costs 5-20 ms a sentence here and
    // would dominate time to first text; only the sentences that term overlap already likes are embedded then.
    public const int MaxEmbeddedSentences = 10;

    // Weight of relevance against novelty in MMR.
    private const double Lambda = 0.7;

    private const int MinWords = 5;

    // A passage scoring under this share of the best one is filler from a marginal paper, not an answer.
    private const double MinShareOfBest = 0.6;

    // How much the role may move a sentence: a perfect fit keeps its relevance, the worst keeps this share less.
    private const double RoleWeight = 0.5;

    // The sentences a leaning sentence may need before it; beyond that it is not quoted.
    private const int MaxLeadingSentences = 2;

    // Each sentence a passage needs before its anchor costs it this share of its score: a sentence that stands alone wins a tie.
    private const double LeadingSentenceCost = 0.1;

    public async Task<IReadOnlyList<CandidateSentence>> ScoreAsync(RetrievedSources retrieved, QuestionAim aim, CancellationToken cancellationToken)
    {
        var candidates = retrieved.Sources
            .SelectMany(source => Sentences(source, retrieved))
            .Where(candidate => candidate.Text.Count(c => c == ' ') + 1 >= MinWords)
            .ToList();
        if (candidates.Count == 0) return candidates;

        var weights = TermWeights(retrieved.QueryTerms, candidates);
        var totalWeight = weights.Values.Sum();
        foreach (var candidate in candidates)
        {
            candidate.Overlap = totalWeight == 0 ? 0 : weights.Where(pair => candidate.Terms.Contains(pair.Key)).Sum(pair => pair.Value) / totalWeight;
            // The paper's own relevance is a prior: a good sentence of the best paper beats a lucky one of the fifth.
            candidate.Relevance = 0.7 * candidate.Overlap + 0.3 * candidate.Source.Relevance;
        }

        if (embedder is not null && retrieved.QueryVector is { } query)
        {
            var missing = candidates.Where(candidate => candidate.Vector is null).OrderByDescending(candidate => candidate.Relevance).Take(MaxEmbeddedSentences).ToList();
            if (missing.Count > 0)
            {
                var vectors = await embedder.GenerateAsync(missing.Select(candidate => candidate.Text), cancellationToken: cancellationToken);
                for (var i = 0; i < missing.Count; i++) missing[i].Vector = vectors[i].Vector;
            }
            foreach (var candidate in candidates.Where(candidate => candidate.Vector is { Length: > 0 }))
            {
                var cosine = TensorPrimitives.CosineSimilarity(candidate.Vector!.Value.Span, query.Span);
                candidate.Relevance = 0.45 * cosine + 0.35 * candidate.Overlap + 0.2 * candidate.Source.Relevance;
            }
            // Sentences the encoder never saw compete only on terms, at a discount.
            foreach (var candidate in candidates.Where(candidate => candidate.Vector is not { Length: > 0 })) candidate.Relevance *= 0.5;
        }
        var roleWeight = policy.WeighRoles ? RoleWeight : 0;
        foreach (var candidate in candidates) candidate.Score = candidate.Relevance * (1 - roleWeight + roleWeight * aim.Fit(candidate.Role));
        return candidates;
    }

    /// <summary>
    /// A source's sentences as the index keeps them — with their vectors and roles — or, for a paper the index did not
    /// hand over (one an agent's tool found), its abstract cut into sentences here. Of a full text's body only the passages
    /// retrieval offered (<see cref="AnswerSource.Passages"/>) are candidates: those the citation checker reads, with their page.
    /// </summary>
    private static IEnumerable<CandidateSentence> Sentences(AnswerSource source, RetrievedSources retrieved)
    {
        var offered = (source.Passages ?? []).Select(passage => (passage.Page, passage.Text)).ToHashSet();
        if (retrieved.Sentences?.GetValueOrDefault(source.PaperId) is { Sentences.Count: > 0 } kept)
        {
            return kept.Sentences
                .Where(sentence => !sentence.IsBody || offered.Contains((sentence.Page!.Value, sentence.Text)))
                .Select(sentence =>
                {
                    var text = ReferenceMarkers.Strip(sentence.Text);
                    return new CandidateSentence(source, sentence.Ordinal, text, QuestionTerms.SetOf(text), sentence.Role, sentence.Vector.Length > 0 ? sentence.Vector : null);
                });
        }
        var summary = SentenceSplitter.Split(ReferenceMarkers.Strip(source.Abstract))
            .Select((text, position) => new CandidateSentence(source, position, text, QuestionTerms.SetOf(text)))
            .ToList();
        // After the abstract's sentences, so a paper's sentences keep the paper's order; a gap between passages, as the
        // sentence before one is not offered and so cannot be what it leans on.
        return summary.Concat((source.Passages ?? []).Select((passage, i) =>
        {
            var text = ReferenceMarkers.Strip(passage.Text);
            return new CandidateSentence(source, summary.Count + 1 + 2 * i, text, QuestionTerms.SetOf(text));
        }));
    }

    /// <summary>
    /// Every quotable passage of the candidates: each sentence that stands alone, and each that leans back together with the
    /// sentences before it up to one that stands alone (at most <see cref="MaxLeadingSentences"/> of them).
    /// </summary>
    public IReadOnlyList<Passage> Passages(IReadOnlyList<CandidateSentence> candidates)
    {
        if (!policy.ResolveReferences) return [.. candidates.Select(candidate => new Passage([candidate], candidate, candidate.Score, Whole: true))];
        var passages = new List<Passage>();
        foreach (var paper in candidates.GroupBy(candidate => candidate.Source.N))
        {
            var byPosition = paper.ToDictionary(candidate => candidate.Position);
            foreach (var anchor in paper)
            {
                var sentences = new List<CandidateSentence> { anchor };
                while (sentences[0].Standalone is null && sentences.Count <= MaxLeadingSentences
                       && byPosition.TryGetValue(sentences[0].Position - 1, out var before))
                {
                    sentences.Insert(0, before);
                }
                if (sentences[0].Standalone is null) continue;
                passages.Add(new Passage(sentences, anchor, anchor.Score * (1 - LeadingSentenceCost * (sentences.Count - 1))));
            }
        }
        return passages;
    }

    /// <summary>
    /// Each paper's best passage first — every source passed the relevance gate, so every source is cited — then more, up to
    /// <paramref name="count"/> sentences in all and at most <paramref name="perSource"/> passages from one paper, never a
    /// sentence twice.
    /// </summary>
    public static IReadOnlyList<Passage> Pick(IReadOnlyList<Passage> passages, int count, int perSource)
    {
        var chosen = passages.GroupBy(passage => passage.Source.N).Select(paper => paper.MaxBy(passage => passage.Score)!).ToList();
        var floor = passages.Count == 0 ? 0 : passages.Max(passage => passage.Score) * MinShareOfBest;
        var remaining = passages.Where(passage => passage.Score >= floor && !chosen.Contains(passage)).ToList();
        while (chosen.Sum(passage => passage.Sentences.Count) < count && remaining.Count > 0)
        {
            var best = remaining
                .Where(passage => chosen.Count(c => c.Source.N == passage.Source.N) < perSource)
                .Where(passage => !chosen.Any(c => c.Sentences.Intersect(passage.Sentences).Any()))
                .Select(passage => (passage, mmr: Lambda * passage.Score - (1 - Lambda) * chosen.Select(c => Similarity(c.Anchor, passage.Anchor)).DefaultIfEmpty(0).Max()))
                .OrderByDescending(entry => entry.mmr)
                .FirstOrDefault();
            if (best.passage is null) break;
            chosen.Add(best.passage);
            remaining.Remove(best.passage);
        }
        return chosen;
    }

    private static double Similarity(CandidateSentence a, CandidateSentence b)
    {
        if (a.Vector is { Length: > 0 } x && b.Vector is { Length: > 0 } y) return TensorPrimitives.CosineSimilarity(x.Span, y.Span);
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
