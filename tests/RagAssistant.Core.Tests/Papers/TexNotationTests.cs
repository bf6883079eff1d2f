using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Tests.Papers;

public sealed class TexNotationTests
{
    [Theory]
    [InlineData("Atmospheric Transport Modeling of CO$_2$ with Neural Networks", "Atmospheric Transport Modeling of CO₂ with Neural Networks")]
    [InlineData("the distribution of CO_2 in the atmosphere", "the distribution of CO₂ in the atmosphere")]
    [InlineData("(90-day R^2 > 0.99)", "(90-day R² > 0.99)")]
    [InlineData("the maximal variance sigma_{max}^2 and", "the maximal variance sigmaₘₐₓ² and")]
    [InlineData("more than 10^{160} candidates", "more than 10¹⁶⁰ candidates")]
    [InlineData("dynamics in Li_xMnO_2, the", "dynamics in LiₓMnO₂, the")]
    [InlineData("a synapse consumes 8e^{-5}muJ", "a synapse consumes 8e⁻⁵muJ")]
    [InlineData("mathcal W_{ij} denotes", "mathcal Wᵢⱼ denotes")]
    [InlineData("require large amounts of {\\em labeled} training data", "require large amounts of labeled training data")]
    [InlineData("spent on {\\emph compression} of the input", "spent on compression of the input")]
    [InlineData("one of the first ``deep'' learning methods", "one of the first “deep” learning methods")]
    [InlineData("with $\\alpha \\leq 0.5$ and $x \\in \\mathbb{R}^d$", "with α ≤ 0.5 and x ∈ ℝᵈ")]
    [InlineData("water ($H_2O$) and $\\frac{1}{2}$", "water (H₂O) and 1/2")]
    public void Shows_latex_as_a_reader_expects(string raw, string readable) =>
        Assert.Equal(readable, TexNotation.Readable(raw));

    [Theory]
    [InlineData("Code: https://github.com/PolymathicAI/the_well and github.com/x/symbolically_synthesized")]
    [InlineData("It costs $5 and $10 per run.")]
    [InlineData("A plain abstract with no markup at all.")]
    [InlineData("the UCF_CC benchmark and a B_L bound")]
    public void Leaves_addresses_prices_identifiers_and_plain_text_alone(string text) =>
        Assert.Equal(text, TexNotation.Readable(text));

    [Fact]
    public void Every_spelling_of_a_formula_is_one_search_term()
    {
        var spellings = new[] { "CO$_2$", "CO_2", "CO₂", "CO2", "co2" };
        var terms = spellings.Select(spelling => Assert.Single(Bm25Encoder.Terms(spelling))).Distinct().ToList();
        Assert.Equal(["co2"], terms);
        Assert.Equal("CO2 emissions", TexNotation.Folded("CO$_2$ emissions"));
    }
}
