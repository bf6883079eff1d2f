using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Tests.Papers;

/// <summary>Titles and abstracts holding what Unicode normalisation refuses are still read, not thrown on.</summary>
public sealed class PaperIdentityTests
{
    [Theory]
    [InlineData("Neural \uFFFE Operators")] // a noncharacter
    [InlineData("Neural \uFDD0Operators")]
    [InlineData("Neural \uD800Operators")] // half a surrogate pair
    [InlineData("Neural Operators\uDBFF\uDFFF")] // U+10FFFF, a noncharacter as a whole pair
    public void A_title_with_a_noncharacter_or_half_a_pair_gets_the_id_of_its_readable_words(string title)
    {
        Assert.Equal(PaperIdentity.FromTitle("Neural Operators"), PaperIdentity.FromTitle(title));
        Assert.Equal(["neural", "oper"], Bm25Encoder.Terms(title).ToArray());
    }

    [Fact]
    public void Case_spacing_and_markup_do_not_split_a_paper_in_two() =>
        Assert.Equal(PaperIdentity.FromTitle("Atmospheric Transport Modeling of CO$_2$"), PaperIdentity.FromTitle("atmospheric  transport modeling of CO_2"));
}
