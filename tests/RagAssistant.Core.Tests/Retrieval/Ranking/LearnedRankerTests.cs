using System.Text;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;

namespace RagAssistant.Core.Tests.Retrieval.Ranking;

/// <summary>
/// Serving a model file: trees are walked as ML.NET defines them, a model is used only for the index it was trained on,
/// and a broken or foreign file is refused with its name and the reason.
/// </summary>
public sealed class LearnedRankerTests
{
    // One split on fused_share (≤ 0.5 left, else right), then a constant tree: score = 0.25 + (-1 | 2) + 0.5.
    private static RankerModel Model(IReadOnlyList<string>? features = null) => new()
    {
        Embedding = new RankerEmbedding("local", "all-MiniLM-L6-v2", 384),
        Features = features ?? ["dense_cosine", "fused_share"],
        Trees =
        [
            new RankerTree([1], [0.5f], [~0], [~1], [-1, 2]),
            new RankerTree([], [], [], [], [0.5]),
        ],
        Bias = 0.25,
        Calibration = new PlattScaling(Slope: -2, Offset: 1),
        CiteThreshold = 0.6,
        Provenance = new RankerProvenance("test", 1, "hand-made", new Dictionary<string, double>()),
    };

    [Fact]
    public void A_row_goes_left_when_its_feature_is_at_most_the_threshold_and_the_leaves_add_up()
    {
        var ranker = new LearnedRanker(Model());
        var row = new float[RankingFeatures.Names.Count];
        var fusedShare = RankingFeatures.Names.ToList().IndexOf("fused_share");

        row[fusedShare] = 0.5f;
        Assert.Equal(-0.25, ranker.Score(row), precision: 12);
        row[fusedShare] = 0.51f;
        Assert.Equal(2.75, ranker.Score(row), precision: 12);
        Assert.Equal(1 / (1 + Math.Exp(-2 * 2.75 + 1)), ranker.Probability(2.75), precision: 12);
    }

    [Fact]
    public void It_applies_only_to_an_index_built_by_the_embedding_model_it_was_trained_with()
    {
        var ranker = new LearnedRanker(Model());

        Assert.True(ranker.AppliesTo(new EmbeddingSignature("local", "all-MiniLM-L6-v2", 384)));
        Assert.False(ranker.AppliesTo(new EmbeddingSignature("local", "snowflake-arctic-embed-xs", 384)));
        Assert.False(ranker.AppliesTo(new EmbeddingSignature("openai", "all-MiniLM-L6-v2", 384)));
        Assert.False(ranker.AppliesTo(EmbeddingSignature.None));
    }

    [Fact]
    public void The_shipped_model_loads_and_names_the_model_it_was_trained_for()
    {
        var ranker = LearnedRanker.Load();

        Assert.True(ranker.AppliesTo(new EmbeddingSignature("local", "all-MiniLM-L6-v2", 384)));
        Assert.NotEmpty(ranker.Model.Trees);
        Assert.InRange(ranker.Model.CiteThreshold, 0.01, 0.99);
        Assert.StartsWith("rag train-ranker", ranker.Model.Provenance.Command);
        Assert.Equal(RankingFeatures.Names, ranker.Model.Features);
    }

    [Fact]
    public void The_shipped_models_card_gives_the_command_seed_and_figures_the_model_file_records()
    {
        var provenance = LearnedRanker.Load().Model.Provenance;
        var card = File.ReadAllText(Path.Combine(RagAssistant.Tests.TestRepository.Root, "models", "README.md"));

        Assert.Contains(provenance.Command, card);
        Assert.Contains($"--seed {provenance.Seed}", card);
        foreach (var figure in new[] { "cv_ndcg@10", "fused_ndcg@10", "cv_cite_hit", "cv_cited_precision" })
        {
            Assert.Contains($"| {figure} | {provenance.Figures[figure].ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)} |", card);
        }
    }

    [Fact]
    public void A_model_with_a_feature_this_build_does_not_compute_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidDataException>(() => new LearnedRanker(Model(["dense_cosine", "phase_of_the_moon"])));

        Assert.Contains("phase_of_the_moon", error.Message);
    }

    [Theory]
    [InlineData("{not json", "not a ranker model")]
    [InlineData("""{"format":9,"embedding":{"provider":"local","model":"m","dimension":1},"features":[],"trees":[],"calibration":{"slope":-1,"offset":0},"provenance":{"command":"c","seed":1,"trainer":"t","figures":{}}}""", "format 9")]
    [InlineData("""{"format":1,"embedding":{"provider":"local","model":"m","dimension":1},"features":["dense_cosine"],"trees":[{"feature":[0],"threshold":[0.5],"left":[0],"right":[-2],"leaf":[1,2]}],"calibration":{"slope":-1,"offset":0},"provenance":{"command":"c","seed":1,"trainer":"t","figures":{}}}""", "tree 0: node 0 has a child out of place")]
    [InlineData("""{"format":1,"embedding":{"provider":"local","model":"m","dimension":1},"features":["dense_cosine"],"trees":[{"feature":[3],"threshold":[0.5],"left":[-1],"right":[-2],"leaf":[1,2]}],"calibration":{"slope":-1,"offset":0},"provenance":{"command":"c","seed":1,"trainer":"t","figures":{}}}""", "tree 0: a node names a feature")]
    public void A_broken_model_file_is_refused_with_its_name_and_what_is_wrong(string content, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ranker-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content, Encoding.UTF8);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => LearnedRanker.Load(path));

            Assert.StartsWith(path, error.Message);
            Assert.Contains(problem, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_model_file_is_refused_with_its_path_and_setting()
    {
        var error = Assert.Throws<FileNotFoundException>(() => LearnedRanker.Load("/nowhere/ranker.json"));

        Assert.Contains("/nowhere/ranker.json", error.Message);
        Assert.Contains("Ranking:ModelPath", error.Message);
    }
}
