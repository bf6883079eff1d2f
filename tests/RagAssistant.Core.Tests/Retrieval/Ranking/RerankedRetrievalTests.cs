using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Tests.Orchestration;

namespace RagAssistant.Core.Tests.Retrieval.Ranking;

/// <summary>
/// The shipped ranker over the sample corpus, composed as the hosts compose it, with the real model: it is the default
/// retrieval, and its calibrated probability declines a question the fusion and the relevance gate would have answered
/// from an unrelated paper; with <c>Ranking:Enabled=false</c> the fusion decides again.
/// </summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class RerankedRetrievalTests(SampleCorpusFixture corpus)
{
    // No sample paper is about the original Transformer's warm-up; the fusion's gate lets a grokking paper through.
    private const string Warmup = "How does the original Transformer schedule its learning-rate warmup?";

    [Fact]
    public async Task The_ranker_declines_a_question_the_fusion_answered_from_an_unrelated_paper()
    {
        var retriever = (await corpus.ServicesAsync()).GetRequiredService<PaperRetriever>();
        Assert.NotNull(retriever.Ranker);

        var fused = await retriever.RetrieveAsync(Warmup, 3, SearchMode.Hybrid);
        var reranked = await retriever.RetrieveAsync(Warmup, 3);

        Assert.Contains(fused.Relevant, paper => paper.Paper.Title.Contains("Grokking", StringComparison.Ordinal));
        Assert.Empty(reranked.Relevant);
        Assert.All(reranked.Papers, paper => Assert.True(paper.Probability < retriever.Ranker!.Model.CiteThreshold, $"{paper.Paper.Title}: {paper.Probability}"));
    }

    [Fact]
    public async Task A_paper_a_question_describes_is_cited_first_with_a_probability_above_the_threshold()
    {
        var retriever = (await corpus.ServicesAsync()).GetRequiredService<PaperRetriever>();

        var retrieval = await retriever.RetrieveAsync("Can deep networks run on photonic chips that compute with optical interference?", 3);

        var first = retrieval.Papers[0];
        Assert.Equal("Deep Learning with Coherent Nanophotonic Circuits", first.Paper.Title);
        Assert.True(first.Relevant);
        Assert.True(first.Probability >= retriever.Ranker!.Model.CiteThreshold);
    }

    [Fact]
    public async Task Turning_the_ranker_off_gives_the_fusion_and_the_gate()
    {
        var retriever = (await corpus.ServicesAsync(configure: new Dictionary<string, string?> { ["Ranking:Enabled"] = "false" })).GetRequiredService<PaperRetriever>();

        var retrieval = await retriever.RetrieveAsync(Warmup, 3);

        Assert.Null(retriever.Ranker);
        Assert.Contains("Ranking:Enabled=false", retriever.Ranking);
        Assert.All(retrieval.Papers, paper => Assert.Null(paper.Probability));
        Assert.NotEmpty(retrieval.Relevant);
    }
}
