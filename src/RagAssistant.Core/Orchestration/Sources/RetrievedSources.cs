using RagAssistant.Contracts;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Orchestration.Sources;

/// <summary>
/// What retrieval hands the answer writers: the numbered sources that passed the relevance gate (empty when
/// none did, and then the <paramref name="NearestPapers"/>, which are shown but never cited), the question's
/// content terms and, with an embedder, its vector — computed once and reused to pick sentences. With the evidence
/// step, <paramref name="Evidence"/> holds what the model found each kept paper to say about the question, by paper id.
/// <paramref name="Sentences"/> holds the sources' sentences as the index keeps them (with their vectors and roles), by
/// paper id; a source missing from it (a paper an agent's tool found) is read from its abstract instead.
/// With a date filter, <paramref name="UndatedLeftOut"/> counts the undated papers it kept out.
/// </summary>
public sealed record RetrievedSources(
    string Query,
    IReadOnlyList<AnswerSource> Sources,
    IReadOnlyList<string> QueryTerms,
    ReadOnlyMemory<float>? QueryVector,
    double BestRelevance,
    IReadOnlyList<NearestPaper> NearestPapers,
    IReadOnlyDictionary<string, string>? Evidence = null,
    IReadOnlyDictionary<string, PaperSentences>? Sentences = null,
    int? UndatedLeftOut = null)
{
    public bool Covered => Sources.Count > 0;

    /// <summary>These sources, numbered from 1 in their order: the one numbering of an answer's sources.</summary>
    public static IReadOnlyList<AnswerSource> Numbered(IEnumerable<AnswerSource> sources) => [.. sources.Select((source, i) => source with { N = i + 1 })];
}
