using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Core.Tests.Retrieval.Ranking;

/// <summary>What the ranker is told about a candidate: raw scores filled where a ranking lacks the paper, and the question's words in its text.</summary>
public sealed class RankingFeaturesTests
{
    private static readonly Paper Vitamin = Paper("vit", "Vitamin D deficiency raises the risk of fractures",
        "We followed 2,400 adults for 10 years. Low vitamin D doubled hip fractures. Calcium did not help.");
    private static readonly Paper Unrelated = Paper("cell", "Stem cell niches in the gut", "Crypt cells renew the epithelium every 5 days.");

    private static readonly RankingQuestion Question = new(
        "Does vitamin D deficiency cause hip fractures in 2,400 adults?",
        new PaperRankings(Dense: [new("cell", 0.61), new("other", 0.42)], Sparse: [new("vit", 12.0), new("cell", 3.0)]));

    private static readonly IReadOnlyList<RankingCandidate> Candidates =
    [
        new(new FusedPaper("vit", 0.6, null, 12.0), 1, Vitamin),
        new(new FusedPaper("cell", 0.5, 0.61, 3.0), 2, Unrelated),
    ];

    [Fact]
    public void A_paper_missing_from_a_ranking_gets_its_last_score_and_the_rank_after_its_depth()
    {
        var vitamin = Row(0);

        Assert.Equal(0.42, vitamin["dense_cosine"], precision: 6);
        Assert.Equal(RankingFeatures.RankingDepth + 1, vitamin["dense_rank"]);
        Assert.Equal(0, vitamin["dense_minmax"]);
        Assert.Equal(1, vitamin["bm25_rank"]);
        Assert.Equal(1, vitamin["bm25_share"]);
        Assert.All(RankingFeatures.Compute(Question, Candidates).SelectMany(row => row), value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void The_questions_words_numbers_and_phrases_found_in_the_paper_are_counted()
    {
        var (vitamin, cell) = (Row(0), Row(1));

        // Content terms: vitamin, d, defici, caus, hip, fractur, 2, 400, adult ("does", "in" are not asked).
        Assert.True(vitamin["terms_covered"] > 0.8, $"terms covered {vitamin["terms_covered"]}");
        Assert.Equal(0, cell["terms_covered"]);
        Assert.Equal(1, vitamin["numbers_shared"]); // 2,400 is written 2,400 in both; 10 and 5 are not asked
        Assert.True(vitamin["pairs_covered"] > 0.3, "\"vitamin d\" and \"hip fractur\" are shared phrases");
        Assert.True(vitamin["sentence_terms_best"] > cell["sentence_terms_best"]);
        Assert.Equal(3, vitamin["abstract_sentences"]);
    }

    private static Dictionary<string, float> Row(int candidate) =>
        RankingFeatures.Names.Zip(RankingFeatures.Compute(Question, Candidates)[candidate]).ToDictionary(pair => pair.First, pair => pair.Second);

    private static Paper Paper(string id, string title, string text) => new(id, title, text, null, null, null, null, new SourceLocation("test", 1));
}
