using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Tests.Retrieval;

/// <summary>A question that names a paper is about it, even when a bare name embeds far from the abstract.</summary>
public sealed class RelevanceGateTests
{
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
