using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Orchestration.Text;

/// <summary>
/// The stemmed terms of a text that say what it is about: BM25's terms without the words every question
/// to a paper index uses ("which papers propose…", "summarise what … say about"), which would otherwise
/// make any abstract look like it covers any question.
/// </summary>
public static class QuestionTerms
{
    private static readonly HashSet<string> QuestionWords = [.. Bm25Encoder.Terms(
        """
        what which who whom whose how why when where do does did done i we you me my our your us can could would
        should may might must shall any some all most more less those them its from about than has have had been
        were being so also there here what's paper papers study studies work works research researcher approach
        approaches method methods propose proposed proposes use used uses using show shows shown present presents
        summarise summarize summary summaries overview literature review say says said tell explain describe
        discuss exist exists new recent recently find found give list compare one ones other others thing things
        way ways know known please like article articles publication publications author authors index indexed
        """)];

    /// <summary>Distinct content terms in text order.</summary>
    public static IReadOnlyList<string> Of(string text) =>
        [.. Bm25Encoder.Terms(text).Where(term => !QuestionWords.Contains(term)).Distinct()];

    /// <summary>All stemmed terms of a passage (nothing dropped beyond BM25's stop words), for overlap tests.</summary>
    public static HashSet<string> SetOf(string text) => [.. Bm25Encoder.Terms(text)];

    public static bool IsQuestionWord(string term) => QuestionWords.Contains(term);
}
