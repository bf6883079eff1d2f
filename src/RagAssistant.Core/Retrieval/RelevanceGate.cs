using System.Text.RegularExpressions;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// Decides whether a retrieved paper answers the question well enough to be cited. With embeddings, two signals
/// must agree. The paper's best-chunk cosine with the question is at least <see cref="MinCosine"/>, or at least
/// <see cref="MinCosineWithTerms"/> when the paper also mentions <see cref="MinTermCoverage"/> of the question's
/// content terms (a claim worded like the abstract, but embedded a little further off). And its fused score is at
/// least <see cref="MinShareOfFirst"/> of the first paper's: a paper far behind the first one dilutes the answer.
/// Without embeddings (BM25 only), only the term rule applies. With embeddings, a question that names the paper
/// (<see cref="IsNamedBy"/>) admits it whatever its scores. Calibrated on SciFact train and on questions the sample
/// corpus cannot answer (README, Evaluation; <c>rag eval --tune</c>, <c>rag eval --unanswerable … --tune</c>).
/// </summary>
public sealed partial record RelevanceGate(double MinCosine, double MinCosineWithTerms, double MinTermCoverage, double MinShareOfFirst)
{
    /// <summary>
    /// 0.46: every question of <c>eval/unanswerable.jsonl</c> is declined over the sample corpus (the closest paper,
    /// for diabetic retinopathy, scores 0.448). 0.38 with half the terms: the closest unanswerable paper that covers half
    /// of its question's terms scores 0.33 (AlexNet); on SciFact train the rule lowers the claims declined from 7.2 % to 4.7 %.
    /// 0.7 of the first paper's fused score: the lowest share (in steps of 0.05) that keeps cited precision at 0.40 on
    /// the even half of SciFact train, with at most three sources.
    /// </summary>
    public static RelevanceGate Default { get; } = new(MinCosine: 0.46, MinCosineWithTerms: 0.38, MinTermCoverage: 0.5, MinShareOfFirst: 0.7);

    /// <summary>A literature summary ranges wider than an answer: papers down to half the first paper's fused score.</summary>
    public const double SummaryShareOfFirst = 0.5;

    /// <summary>The gate for an answer of this kind: as set for direct answers, wider for summaries.</summary>
    public RelevanceGate For(AnswerKind kind) => kind == AnswerKind.Summary ? this with { MinShareOfFirst = SummaryShareOfFirst } : this;

    /// <param name="cosine">The paper's best-chunk cosine; null when it is outside the dense candidates.</param>
    /// <param name="termCoverage">Share of the question's content terms in the paper's title or abstract.</param>
    /// <param name="shareOfFirst">The paper's fused score divided by the first paper's.</param>
    public bool Admits(double? cosine, double termCoverage, double shareOfFirst) => Admits(cosine, () => termCoverage, shareOfFirst);

    /// <summary>
    /// The same rule with the term coverage computed only when it decides — for a paper between the two cosines — since
    /// it means reading the paper's whole abstract, and most papers are decided by their scores alone.
    /// </summary>
    public bool Admits(double? cosine, Func<double> termCoverage, double shareOfFirst) =>
        shareOfFirst >= MinShareOfFirst && Clears(cosine, termCoverage);

    /// <summary>
    /// The absolute half of the rule, without the share of the first paper: the paper is close enough to the question at
    /// all. With the learned ranker, a question is answered only when one of its papers clears it, and the ranker's
    /// probability then decides which are cited (<see cref="PaperRetriever"/>): a ranker that learned from questions that
    /// all have an answer cannot tell when none does.
    /// </summary>
    public bool Clears(double? cosine, Func<double> termCoverage) =>
        cosine is { } c && (c >= MinCosine || (c >= MinCosineWithTerms && termCoverage() >= MinTermCoverage));

    public bool AdmitsByTerms(double termCoverage) => termCoverage >= MinTermCoverage;

    /// <summary>
    /// The gate's whole decision for a paper found with embeddings: the question names it (<see cref="IsNamedBy"/>), or it
    /// passes the scores' rule. Answers (<see cref="PaperRetriever"/>) and the gate's calibration curve both ask this.
    /// </summary>
    public bool Admits(string question, string title, double? cosine, Func<double> termCoverage, double shareOfFirst) =>
        IsNamedBy(question, title) || Admits(cosine, termCoverage, shareOfFirst);

    /// <summary>
    /// A question that names a paper — its whole title, or the name before the title's colon ("Sapiens" for
    /// "Sapiens: Foundation for Human Vision Models") — is about that paper, however short it is: a bare name
    /// embeds far from an abstract, so the cosine alone would decline "What is known about Neural Metamorphosis?".
    /// </summary>
    public static bool IsNamedBy(string question, string title)
    {
        var asked = $" {WordText.Normalise(question)} ";
        var colon = title.IndexOf(':');
        var name = colon > 0 ? WordText.Normalise(title[..colon]) : "";
        return Named(WordText.Normalise(title)) || Named(name);

        bool Named(string phrase) => phrase.Length >= 4 && asked.Contains($" {phrase} ", StringComparison.Ordinal);
    }

    /// <summary>The fused score as a share of the first paper's (1 when the first scores nothing, so ties all pass).</summary>
    public static double ShareOf(double score, double firstScore) => firstScore > 0 ? score / firstScore : 1;
}
