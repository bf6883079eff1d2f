using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Orchestration.Sources;

/// <summary>
/// How well a paper matches a question, on a 0–1 scale that means the same for every query — unlike
/// RRF or BM25 scores, which only rank. Two signals: the cosine of the question with the paper's best
/// chunk (local encoder) and the share of the question's content terms the paper mentions.
/// </summary>
public static class SourceRelevance
{
    /// <summary>Calibrated on the sample corpus: on-topic questions' papers score above, off-topic questions' best below.</summary>
    public const double DefaultMinRelevance = 0.40;

    /// <summary>Without embeddings: at least this share of the question's content terms must occur in the paper.</summary>
    public const double DefaultMinTermCoverage = 0.50;

    // Cosine carries meaning (paraphrases, synonyms); coverage keeps a paper that names the exact subject.
    private const double CosineWeight = 0.6;

    public static double Blend(double cosine, double coverage) =>
        CosineWeight * Math.Clamp(cosine, 0, 1) + (1 - CosineWeight) * coverage;

    /// <summary>Share of the question's content terms found in the paper's title or abstract (1 when the question has none).</summary>
    public static double TermCoverage(IReadOnlyList<string> questionTerms, Paper paper)
    {
        if (questionTerms.Count == 0) return 0;
        var paperTerms = QuestionTerms.SetOf($"{paper.Title}\n{paper.Abstract}");
        return (double)questionTerms.Count(paperTerms.Contains) / questionTerms.Count;
    }
}
