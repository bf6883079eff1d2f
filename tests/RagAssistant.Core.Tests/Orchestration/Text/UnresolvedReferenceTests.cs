using RagAssistant.Core.Orchestration.Text;

namespace RagAssistant.Core.Tests.Orchestration.Text;

public sealed class UnresolvedReferenceTests
{
    [Theory]
    [InlineData("These techniques enable more than 10x faster training of large-scale foundation models for ML potentials.")]
    [InlineData("However, the frequent surrogate model updates inherent to this approach pose challenges for existing methods.")]
    [InlineData("As a first step toward answering this question, this paper establishes a benchmark.")]
    [InlineData("This approach is a state-of-the-art tool for discovering rare events.")]
    [InlineData("To address these issues, we introduce Activation Function-Based Kolmogorov-Arnold Networks (AF-KAN).")]
    [InlineData("This design enables stable and mass conserving transport for over 6 months.")]
    [InlineData("We show that this seemingly simple change makes KANs outperform MLPs in terms of accuracy and interpretability.")]
    [InlineData("It also remains competitive even when using fewer than 6 to 10 times the parameters.")]
    [InlineData("Such probabilistic bridge can be learned using low- and high-value inputs.")]
    [InlineData("Then at each stage of latency reduction, the network trained at previous stage is utilized as initialization.")]
    [InlineData("For this, we assemble the CarbonBench dataset.")]
    public void Flags_sentences_that_point_back_at_what_they_do_not_say(string sentence)
    {
        Assert.True(UnresolvedReference.Opens(sentence));
        Assert.Null(UnresolvedReference.Standalone(sentence));
    }

    [Theory]
    [InlineData("In this work, we propose FT-PFN, a novel surrogate for Freeze-thaw style BO.")]
    [InlineData("This paper presents a new methodology to alleviate the trade-off between accuracy and latency.")]
    [InlineData("In our study, the SwinTransformer displays particularly strong emulation skill (90-day R^2 > 0.99).")]
    [InlineData("We show that cold posteriors can reduce the required training data size.")]
    [InlineData("It is well known that adaptive methods generalize worse than SGD.")]
    [InlineData("Methods such as Adam adapt the learning rate per parameter.")]
    [InlineData("In contrast with previous studies limited to computer vision tasks, our findings show that it trains many architectures.")]
    public void Leaves_sentences_that_stand_alone(string sentence)
    {
        Assert.False(UnresolvedReference.Opens(sentence));
        Assert.Equal(sentence, UnresolvedReference.Standalone(sentence));
    }

    [Theory]
    [InlineData("However, AF-KAN requires a longer training time and consumes more FLOPs.", "AF-KAN requires a longer training time and consumes more FLOPs.")]
    [InlineData("Additionally, we find that SG-MCMC and the Deep Ensemble method achieve comparable results.", "We find that SG-MCMC and the Deep Ensemble method achieve comparable results.")]
    [InlineData("Specifically, our PDSG achieves 100% attack success rate on ImageNet.", "Our PDSG achieves 100% attack success rate on ImageNet.")]
    public void A_leading_connective_can_be_left_out_of_the_quote(string sentence, string quote)
    {
        Assert.True(UnresolvedReference.Opens(sentence));
        Assert.Equal(quote, UnresolvedReference.Standalone(sentence));
    }

    [Fact]
    public void A_connective_before_a_reference_still_needs_the_sentence_before()
    {
        Assert.Null(UnresolvedReference.Standalone("However, these results hold only for small networks."));
    }
}
