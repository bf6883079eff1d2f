using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Retrieval;

/// <summary>
/// The passage a search result shows: the abstract's sentence that shares the most of the question's terms
/// (the earliest on a tie, so a paper with no shared term shows its opening sentence).
/// </summary>
public static class SnippetChooser
{
    public const int MaxLength = 320;

    public static string Choose(Paper paper, string question)
    {
        var questionTerms = Bm25Encoder.Terms(question).ToHashSet();
        var sentences = SentenceSplitter.Split(paper.Abstract);
        if (sentences.Count == 0) return paper.Title;
        var best = sentences
            .Select((sentence, i) => (sentence, i, shared: Bm25Encoder.Terms(sentence).Distinct().Count(questionTerms.Contains)))
            .OrderByDescending(entry => entry.shared)
            .ThenBy(entry => entry.i)
            .First().sentence;
        return best.Length <= MaxLength ? best : best[..MaxLength].TrimEnd() + "…";
    }
}
