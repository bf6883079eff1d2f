using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval.Ranking;

/// <summary>
/// One question as the second stage sees it: its text and the store's two raw rankings, each read to
/// <see cref="RankingFeatures.RankingDepth"/> whatever the caller fetched, so that a paper's features do not depend on
/// how many results were asked for.
/// </summary>
public sealed record RankingQuestion(string Text, PaperRankings Rankings);

/// <summary>
/// A paper among the first stage's fused candidates: its place in the fusion (from 1) and its text.
/// </summary>
public sealed record RankingCandidate(FusedPaper Fused, int FusedRank, Paper Paper);
