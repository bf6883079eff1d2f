using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

public sealed class AddRagEmbeddingsTests
{
    [Fact]
    public void Local_is_the_default_and_loads_nothing_until_the_first_embedding()
    {
        using var services = Build([]);

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var counter = services.GetRequiredService<ITokenCounter>();
        var transformer = services.GetRequiredService<SentenceTransformer>();

        Assert.IsType<LocalSentenceEncoder>(generator);
        Assert.IsType<WordPieceTokenCounter>(counter);
        Assert.Equal(LocalModels.Default, transformer.Model);
        Assert.Equal(LocalModels.Default.MaxTextTokens, counter.MaxTokens);
        Assert.Equal("local", generator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
        Assert.Equal(LocalModels.Default.Name, generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
        Assert.False(transformer.IsLoaded);
    }

    [Theory]
    [InlineData("all-MiniLM-L6-v2", true)]
    [InlineData("snowflake-arctic-embed-xs", false)]
    public void Sentence_roles_are_classified_only_with_the_model_the_classifier_was_trained_on(string name, bool classified)
    {
        using var services = Build(new() { ["Embeddings:Model"] = name });

        Assert.Equal(classified, services.GetService<ISentenceRoleClassifier>() is not null);
    }

    [Theory]
    [InlineData("all-MiniLM-L6-v2", 254)]
    [InlineData("snowflake-arctic-embed-xs", 510)]
    [InlineData("Snowflake-Arctic-Embed-XS", 510)]
    public void Embeddings_Model_picks_the_local_model_and_its_window_sets_the_chunk_budget(string name, int budget)
    {
        using var services = Build(new() { ["Embeddings:Model"] = name });

        var metadata = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(name, metadata?.DefaultModelId, ignoreCase: true);
        Assert.Equal(budget, services.GetRequiredService<ITokenCounter>().MaxTokens);
    }

    [Fact]
    public void A_smaller_local_chunk_budget_may_be_configured_but_not_a_larger_one()
    {
        using var smaller = Build(new() { ["Embeddings:MaxTokens"] = "126" });
        using var larger = Build(new() { ["Embeddings:MaxTokens"] = "1000" });

        Assert.Equal(126, smaller.GetRequiredService<ITokenCounter>().MaxTokens);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => larger.GetRequiredService<ITokenCounter>());
        Assert.Contains($"{LocalModels.Default.Name} reads 1 to {LocalModels.Default.MaxTextTokens} word pieces", error.Message);
    }

    [Fact]
    public void An_unknown_local_model_is_refused_at_start_up_with_the_valid_names()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Embeddings:Model"] = "use-lite" }));

        Assert.Contains("Embeddings:Model 'use-lite' is not a local model", error.Message);
        Assert.Contains("all-MiniLM-L6-v2, snowflake-arctic-embed-xs", error.Message);
    }

    [Fact]
    public void None_registers_no_generator_and_an_approximate_counter()
    {
        using var services = Build(new() { ["Embeddings:Provider"] = "none", ["Embeddings:MaxTokens"] = "300" });

        Assert.Null(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        var counter = Assert.IsType<ApproximateTokenCounter>(services.GetRequiredService<ITokenCounter>());
        Assert.Equal(300, counter.MaxTokens);
    }

    [Fact]
    public void OpenAI_registers_a_remote_generator_with_its_model_and_dimensions()
    {
        using var services = Build(new()
        {
            ["Embeddings:Provider"] = "openai",
            ["Embeddings:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Embeddings:Model"] = "nomic-embed-text",
            ["Embeddings:Dimensions"] = "768",
        });

        var metadata = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<EmbeddingGeneratorMetadata>();
        var counter = services.GetRequiredService<ITokenCounter>();

        Assert.NotNull(metadata);
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal("nomic-embed-text", metadata.DefaultModelId);
        Assert.Equal(768, metadata.DefaultModelDimensions);
        Assert.Equal(512, counter.MaxTokens);
    }

    [Fact]
    public void OpenAI_without_a_model_says_which_key_to_set()
    {
        using var services = Build(new() { ["Embeddings:Provider"] = "openai", ["Embeddings:Endpoint"] = "http://127.0.0.1:9/v1" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());

        Assert.Contains("Embeddings:Model", error.Message);
    }

    [Fact]
    public void An_unknown_provider_is_refused_with_the_valid_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Embeddings:Provider"] = "word2vec" }));

        Assert.Contains("local, openai, none", error.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRagEmbeddings(configuration).BuildServiceProvider();
    }
}
