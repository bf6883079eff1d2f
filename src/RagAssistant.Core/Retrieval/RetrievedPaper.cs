using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// A paper as <see cref="PaperRetriever"/> ranks it: its score (the calibrated probability when the learned ranker
/// ordered it, else the fused score, which only orders), its raw cosine and BM25 (null when outside that ranking's
/// candidates), whether an answer may cite it, and the ranker's probability that it answers the question (null when
/// the ranker did not score it).
/// </summary>
public sealed record RetrievedPaper(Paper Paper, double Score, double? Cosine, double? Bm25, bool Relevant, double? Probability = null);

/// <summary>
/// One question's retrieval: the papers best first, the question as encoded (its vector when an embedder is
/// configured, so that writers can reuse it instead of encoding the question again) and the best cosine among
/// the dense candidates (reported when a question is declined). With a date filter, <paramref name="UndatedLeftOut"/> counts
/// the papers without a date that the same search without the filter would have shown (null without a filter).
/// </summary>
public sealed record PaperRetrieval(
    string Question, IReadOnlyList<RetrievedPaper> Papers, ReadOnlyMemory<float>? QueryVector, double BestCosine, int? UndatedLeftOut = null)
{
    public IEnumerable<RetrievedPaper> Relevant => Papers.Where(paper => paper.Relevant);
}

/// <summary>The store's raw rankings for one question, and the question's vector (null without an embedder).</summary>
public sealed record QuestionRankings(PaperRankings Rankings, ReadOnlyMemory<float>? Vector);
