namespace RagAssistant.Core.Retrieval.Ranking;

/// <summary>
/// What the second stage reads for one question: the question with its rankings cut to
/// <see cref="RankingFeatures.RankingDepth"/>, the first fused papers in fused order, and one
/// <see cref="RankingFeatures"/> row per paper.
/// </summary>
public sealed record RankingInput(RankingQuestion Question, IReadOnlyList<RankingCandidate> Candidates, IReadOnlyList<float[]> Features);
