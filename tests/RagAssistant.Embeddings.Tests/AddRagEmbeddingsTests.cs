using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Chunking;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

public sealed class AddRagEmbeddingsTests
{
    [Fact]
    public void Local_is_the_default_and_loads_nothing_until_the_first_embedding()
    {
        // A path that does not exist: building the container and resolving must still succeed.
        using var services = Build(new() { ["Embeddings:ModelPath"] = "/nonexistent/use-lite" });

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var counter = services.GetRequiredService<ITokenCounter>();

        Assert.IsType<LocalSentenceEncoder>(generator);
        Assert.IsType<UseLiteTokenCounter>(counter);
        Assert.Equal(128, counter.MaxTokens);
        Assert.Equal("local", generator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
        Assert.Throws<EmbeddingModelUnavailableException>(() => counter.CountTokens("hello"));
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
