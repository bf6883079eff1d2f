using RagAssistant.Core.Orchestration.Events;

namespace RagAssistant.Core.Orchestration.Sources;

/// <summary>
/// What retrieval hands the answer writers: the numbered sources that passed the relevance threshold
/// (empty when none did), the question's content terms and, with the local encoder, its vector —
/// computed once and reused to pick sentences.
/// </summary>
public sealed record RetrievedSources(
    string Query,
    IReadOnlyList<AnswerSource> Sources,
    IReadOnlyList<string> QueryTerms,
    ReadOnlyMemory<float>? QueryVector,
    double BestRelevance)
{
    public bool Covered => Sources.Count > 0;
}
