using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Indexing;

/// <summary>
/// Says what each sentence of an abstract does — background, objective, method, result or other — from the sentences'
/// text and the vectors the index keeps for them. Applied when papers are indexed, so answers read the roles for free.
/// </summary>
public interface ISentenceRoleClassifier
{
    /// <summary>The papers with a role on every sentence; a paper whose sentences have no vectors is returned as it came.</summary>
    IReadOnlyList<PaperSentences> Classify(IReadOnlyList<PaperSentences> papers);
}
