using RagAssistant.Core.Papers;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Retrieval.Ranking;

/// <summary>
/// What the learned ranker knows about a candidate, as numbers: the one definition used to train the model and to
/// serve it, so the two cannot drift apart. Each feature has a name (the model file lists the names it was trained on)
/// and a group (an ablation drops a group at a time). Every value is finite: a paper missing from a ranking gets that
/// ranking's last score and the rank after its last, not a missing value.
/// </summary>
public static class RankingFeatures
{
    /// <summary>How deep each raw ranking is read, so fills and min-max scales are the same for a page of 3 or of 100.</summary>
    public const int RankingDepth = 100;

    /// <summary>How many of the fused papers the second stage re-orders; below them the fused order stands.</summary>
    public const int Candidates = 50;

    private static readonly Feature[] All =
    [
        // The dense leg: the paper's best chunk against the question.
        new("dense_cosine", "dense", c => c.Cosine),
        new("dense_minmax", "dense", c => c.Question.CosineSpread > 0 ? (c.Cosine - c.Question.LastCosine) / c.Question.CosineSpread : 1),
        new("dense_gap", "dense", c => c.Question.BestCosine - c.Cosine),
        new("dense_rank", "dense", c => c.DenseRank),
        // The BM25 leg.
        new("bm25_score", "bm25", c => c.Bm25),
        new("bm25_share", "bm25", c => c.Question.BestBm25 > 0 ? c.Bm25 / c.Question.BestBm25 : 0),
        new("bm25_rank", "bm25", c => c.SparseRank),
        // The first stage's verdict, and how much the two legs agree on the paper.
        new("fused_score", "fusion", c => c.Candidate.Fused.Score),
        new("fused_share", "fusion", c => c.Question.BestFused > 0 ? c.Candidate.Fused.Score / c.Question.BestFused : 1),
        new("fused_rank", "fusion", c => c.Candidate.FusedRank),
        new("legs_disagree", "fusion", c => Math.Abs(Math.Log(c.DenseRank) - Math.Log(c.SparseRank))),
        // The question's words in the paper: anywhere, in the title, in one sentence, as phrases, as numbers.
        new("terms_covered", "terms", c => TermProfile.Share(c.Question.Terms.Terms, c.Paper.Terms)),
        new("title_terms_covered", "title", c => TermProfile.Share(c.Question.Terms.Terms, c.Title.Terms)),
        new("title_terms_share", "title", c => c.Title.Terms.Count == 0 ? 0 : (double)c.Title.Terms.Count(c.Question.Terms.Terms.Contains) / c.Title.Terms.Count),
        new("sentence_terms_best", "terms", c => c.Sentences.Count == 0 ? 0 : c.Sentences.Max(sentence => TermProfile.Share(c.Question.Terms.Terms, sentence.Terms))),
        new("pairs_covered", "terms", c => TermProfile.Share(c.Question.Terms.Pairs, c.Paper.Pairs)),
        new("numbers_shared", "numbers", c => c.Question.Terms.Numbers.Count(c.Paper.Numbers.Contains)),
        // The paper's size and the question's: a long abstract matches more by chance; a short question is vaguer.
        new("abstract_terms", "length", c => c.Paper.Sequence.Count),
        new("abstract_sentences", "length", c => c.Sentences.Count),
        new("question_terms", "question", c => c.Question.Terms.Terms.Count),
        new("question_numbers", "question", c => c.Question.Terms.Numbers.Count),
        new("question_best_cosine", "question", c => c.Question.BestCosine),
        new("question_best_bm25", "question", c => c.Question.BestBm25),
    ];

    /// <summary>Every feature's name, in the order of the values <see cref="Compute"/> returns.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(feature => feature.Name)];

    /// <summary>Each feature's group, by name.</summary>
    public static IReadOnlyDictionary<string, string> Groups { get; } = All.ToDictionary(feature => feature.Name, feature => feature.Group);

    /// <summary>One row of <see cref="Names"/>-ordered values per candidate, in the candidates' order.</summary>
    public static IReadOnlyList<float[]> Compute(RankingQuestion question, IReadOnlyList<RankingCandidate> candidates)
    {
        var context = new QuestionContext(question, candidates);
        return [.. candidates.Select(candidate =>
        {
            var view = new CandidateView(context, candidate);
            return All.Select(feature => (float)feature.Value(view)).ToArray();
        })];
    }

    private sealed record Feature(string Name, string Group, Func<CandidateView, double> Value);

    /// <summary>What every candidate of one question is compared with.</summary>
    private sealed class QuestionContext
    {
        public QuestionContext(RankingQuestion question, IReadOnlyList<RankingCandidate> candidates)
        {
            var dense = question.Rankings.Dense.Take(RankingDepth).ToList();
            var sparse = question.Rankings.Sparse.Take(RankingDepth).ToList();
            DenseRanks = dense.Select((hit, rank) => (hit.PaperId, rank)).ToDictionary(entry => entry.PaperId, entry => entry.rank + 1);
            SparseRanks = sparse.Select((hit, rank) => (hit.PaperId, rank)).ToDictionary(entry => entry.PaperId, entry => entry.rank + 1);
            Cosines = dense.ToDictionary(hit => hit.PaperId, hit => hit.Score);
            Bm25 = sparse.ToDictionary(hit => hit.PaperId, hit => hit.Score);
            BestCosine = dense.Count > 0 ? dense[0].Score : 0;
            LastCosine = dense.Count > 0 ? dense[^1].Score : 0;
            BestBm25 = sparse.Count > 0 ? sparse[0].Score : 0;
            LastBm25 = sparse.Count > 0 ? sparse[^1].Score : 0;
            BestFused = candidates.Count > 0 ? candidates.Max(candidate => candidate.Fused.Score) : 0;
            Terms = TermProfile.OfQuestion(question.Text);
        }

        public Dictionary<string, int> DenseRanks { get; }
        public Dictionary<string, int> SparseRanks { get; }
        public Dictionary<string, double> Cosines { get; }
        public Dictionary<string, double> Bm25 { get; }
        public double BestCosine { get; }
        public double LastCosine { get; }
        public double CosineSpread => BestCosine - LastCosine;
        public double BestBm25 { get; }
        public double LastBm25 { get; }
        public double BestFused { get; }
        public TermProfile Terms { get; }
    }

    /// <summary>One candidate with its raw scores filled in and its text read once.</summary>
    private sealed class CandidateView(QuestionContext question, RankingCandidate candidate)
    {
        public QuestionContext Question { get; } = question;
        public RankingCandidate Candidate { get; } = candidate;
        public double Cosine { get; } = question.Cosines.TryGetValue(candidate.Paper.Id, out var cosine) ? cosine : question.LastCosine;
        public double Bm25 { get; } = question.Bm25.TryGetValue(candidate.Paper.Id, out var bm25) ? bm25 : question.LastBm25;
        public int DenseRank { get; } = question.DenseRanks.GetValueOrDefault(candidate.Paper.Id, RankingDepth + 1);
        public int SparseRank { get; } = question.SparseRanks.GetValueOrDefault(candidate.Paper.Id, RankingDepth + 1);
        public TermProfile Title { get; } = TermProfile.Of(candidate.Paper.Title);
        public IReadOnlyList<TermProfile> Sentences { get; } = [.. SentenceSplitter.Split(candidate.Paper.Abstract).Select(TermProfile.Of)];

        /// <summary>Title and abstract together.</summary>
        public TermProfile Paper => _paper ??= TermProfile.Join([Title, .. Sentences]);

        private TermProfile? _paper;
    }
}
