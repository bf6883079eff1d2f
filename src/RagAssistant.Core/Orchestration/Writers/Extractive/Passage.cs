using RagAssistant.Contracts;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// What an answer quotes at once: a sentence that stands alone, or one that leans on its predecessor ("This design
/// enables…") together with the sentences it leans on, in the abstract's order. Scored by the sentence it is chosen for,
/// a little less for each sentence it needs before it.
/// </summary>
internal sealed record Passage(IReadOnlyList<CandidateSentence> Sentences, CandidateSentence Anchor, double Score, bool Whole = false)
{
    public AnswerSource Source => Anchor.Source;

    /// <summary>The quoted texts in order: the first as it stands alone (unless <paramref name="Whole"/>), the rest as the abstract has them.</summary>
    public IEnumerable<string> Quotes => Sentences.Select((sentence, i) => i == 0 && !Whole ? sentence.Standalone! : sentence.Text);
}
