using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Tests.Retrieval;

/// <summary>
/// The gate's rules: cosine, or a lower cosine with half the question's terms, and never far behind the first paper.
/// A question that names a paper is about it, even when a bare name embeds far from the abstract.
/// </summary>
public sealed class RelevanceGateTests
{
    private static readonly RelevanceGate Gate = RelevanceGate.Default;

    [Fact]
    public void A_close_paper_is_admitted_whatever_terms_it_shares() =>
        Assert.True(Gate.Admits(cosine: Gate.MinCosine, termCoverage: 0, shareOfFirst: 1));

    [Fact]
    public void A_paper_outside_the_dense_candidates_is_never_admitted() =>
        Assert.False(Gate.Admits(cosine: null, termCoverage: 1, shareOfFirst: 1));

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(0.49, false)]
    public void A_less_close_paper_needs_half_the_question_terms(double termCoverage, bool admitted) =>
        Assert.Equal(admitted, Gate.Admits(cosine: Gate.MinCosineWithTerms, termCoverage, shareOfFirst: 1));

    [Fact]
    public void Below_the_lower_cosine_terms_do_not_help() =>
        Assert.False(Gate.Admits(cosine: Gate.MinCosineWithTerms - 0.01, termCoverage: 1, shareOfFirst: 1));

    [Fact]
    public void A_paper_far_behind_the_first_one_is_not_admitted_however_close()
    {
        Assert.False(Gate.Admits(cosine: 0.9, termCoverage: 1, shareOfFirst: Gate.MinShareOfFirst - 0.01));
        Assert.Equal(0.5, RelevanceGate.ShareOf(0.3, 0.6), precision: 12);
    }

    [Theory]
    [InlineData("What is known about Neural Metamorphosis?", "Neural Metamorphosis")]
    [InlineData("What is Sapiens, and what does it contribute?", "Sapiens: Foundation for Human Vision Models")]
    [InlineData("how does sapiens: foundation for human vision models train?", "Sapiens: Foundation for Human Vision Models")]
    public void A_question_that_names_the_title_or_the_name_before_its_colon_names_the_paper(string question, string title) =>
        Assert.True(RelevanceGate.IsNamedBy(question, title));

    [Theory]
    [InlineData("What do we know about neural networks?", "Neural Networks for Intelligent Systems")]
    [InlineData("How do insects go through metamorphosis?", "Neural Metamorphosis")]
    [InlineData("What is a vision model for humans?", "Sapiens: Foundation for Human Vision Models")]
    [InlineData("Is AI safe?", "AI: A Survey")]
    public void Shared_words_or_a_name_of_under_four_characters_do_not_name_a_paper(string question, string title) =>
        Assert.False(RelevanceGate.IsNamedBy(question, title));
}
