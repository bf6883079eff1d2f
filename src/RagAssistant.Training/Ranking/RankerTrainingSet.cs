using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Training.Ranking;

/// <summary>
/// One judged question as the ranker learns from it: its first-stage candidates in fused order (paper ids), each
/// candidate's <see cref="RankingFeatures"/> row, and the question's relevance judgements (null for a question no paper
/// answers).
/// </summary>
public sealed record TrainingQuestion(string Id, string Text, IReadOnlyList<string> PaperIds, IReadOnlyList<float[]> Features, IReadOnlyDictionary<string, int>? Relevant)
{
    /// <summary>1 for a relevant candidate, 0 otherwise.</summary>
    public float Label(int candidate) => Relevant?.ContainsKey(PaperIds[candidate]) == true ? 1 : 0;
}

/// <summary>
/// Reads the training questions through <see cref="PaperRetriever.CandidatesAsync"/> — the very path serving re-ranks
/// — so that the features a model learns from are the features it will be served.
/// </summary>
public static class RankerTrainingSet
{
    public static async Task<IReadOnlyList<TrainingQuestion>> CollectAsync(
        PaperRetriever retriever, IReadOnlyList<BeirQuery> queries, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var questions = new List<TrainingQuestion>(queries.Count);
        foreach (var query in queries)
        {
            questions.Add(await CollectAsync(retriever, query.Id, query.Text, query.Relevant, cancellationToken));
            progress?.Report(questions.Count);
        }
        return questions;
    }

    public static async Task<TrainingQuestion> CollectAsync(
        PaperRetriever retriever, string id, string text, IReadOnlyDictionary<string, int>? relevant, CancellationToken cancellationToken = default)
    {
        var ranked = await retriever.RankAsync(text, RankingFeatures.RankingDepth, cancellationToken: cancellationToken);
        var input = await retriever.CandidatesAsync(new RankingQuestion(text, ranked.Rankings), cancellationToken);
        return new TrainingQuestion(id, text, [.. input.Candidates.Select(candidate => candidate.Paper.Id)], input.Features, relevant);
    }
}
