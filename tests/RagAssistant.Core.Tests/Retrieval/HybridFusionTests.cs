using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Tests.Retrieval;

public sealed class HybridFusionTests
{
    [Fact]
    public void Bm25_leads_and_the_dense_ranking_breaks_near_ties()
    {
        var fused = HybridFusion.Fuse(
            dense: [("b", 0.9), ("a", 0.5), ("c", 0.4)],
            sparse: [("a", 10.0), ("b", 9.5), ("d", 2.0)]);

        // a: 0.8·1 + 0.2·0.2 = 0.84; b: 0.8·0.95 + 0.2·1 = 0.96; d: 0.8·0.2 = 0.16; c: 0.
        Assert.Equal(["b", "a", "d", "c"], fused.Select(hit => hit.PaperId));
        Assert.Equal(0.96, fused[0].Score, precision: 12);
    }

    [Fact]
    public void One_empty_ranking_leaves_the_other_in_order() =>
        Assert.Equal(["x", "y"], HybridFusion.Fuse([], [("x", 3.0), ("y", 1.0)]).Select(hit => hit.PaperId));
}
