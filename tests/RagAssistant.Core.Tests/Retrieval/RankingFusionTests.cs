using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Tests.Retrieval;

public sealed class RankingFusionTests
{
    private static readonly PaperRankings Rankings = new(
        Dense: [new("b", 0.9), new("a", 0.5), new("c", 0.4)],
        Sparse: [new("a", 10.0), new("b", 9.5), new("d", 2.0)]);

    [Fact]
    public void Weighted_fusion_scales_bm25_by_its_best_and_cosine_over_the_candidates()
    {
        var fused = RankingFusion.Fuse(Rankings, new FusionSettings(FusionMethod.Weighted, DenseWeight: 0.2));

        // a: 0.8·1 + 0.2·0.2 = 0.84; b: 0.8·0.95 + 0.2·1 = 0.96; d: 0.8·0.2 = 0.16; c: 0.2·0 = 0.
        Assert.Equal(["b", "a", "d", "c"], fused.Select(paper => paper.PaperId));
        Assert.Equal(0.96, fused[0].Score, precision: 12);
    }

    [Fact]
    public void Fused_papers_keep_their_raw_scores_for_the_relevance_gate()
    {
        var fused = RankingFusion.Fuse(Rankings, FusionSettings.Default).ToDictionary(paper => paper.PaperId);

        Assert.Equal((0.5, 10.0), (fused["a"].Cosine, fused["a"].Bm25));
        Assert.Equal((0.4, (double?)null), (fused["c"].Cosine, fused["c"].Bm25));
        Assert.Equal(((double?)null, 2.0), (fused["d"].Cosine, fused["d"].Bm25));
    }

    [Fact]
    public void Reciprocal_rank_fusion_rewards_agreement_between_rankings()
    {
        var fused = RankingFusion.Fuse(Rankings, new FusionSettings(FusionMethod.ReciprocalRank, DenseWeight: 0.5, RrfK: 60));

        // b is 1st and 2nd, a 2nd and 1st: a tie broken by id; both beat c and d, found by one ranking only.
        Assert.Equal(["a", "b"], fused.Take(2).Select(paper => paper.PaperId));
        Assert.Equal(0.5 * 61 / 61.0 + 0.5 * 61 / 62.0, fused[0].Score, precision: 12);
    }

    [Fact]
    public void Distribution_based_fusion_scales_each_ranking_by_its_own_spread()
    {
        var fused = RankingFusion.Fuse(Rankings, new FusionSettings(FusionMethod.DistributionBased, DenseWeight: 0.5));

        Assert.Equal("b", fused[0].PaperId);
        Assert.All(fused, paper => Assert.InRange(paper.Score, 0, 1));
    }

    [Fact]
    public void One_empty_ranking_leaves_the_other_in_order() =>
        Assert.Equal(["x", "y"], RankingFusion.Fuse(new PaperRankings([], [new("x", 3.0), new("y", 1.0)]), FusionSettings.Default).Select(paper => paper.PaperId));
}
