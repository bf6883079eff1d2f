using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RagAssistant.Embeddings.Tests;

public sealed class OpenAiCompatibleEmbeddingsTests
{
    [Fact]
    public async Task Sends_an_embeddings_request_and_returns_the_served_vectors()
    {
        await using var server = new ScriptedOpenAiServer(dimensions: 8);
        using var services = Configure(server, ("Embeddings:ApiKey", "test-key"), ("Embeddings:Dimensions", "8"));
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        string[] texts = ["graph neural networks for molecules", "the recipe needs two eggs"];

        var embeddings = await generator.GenerateAsync(texts);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("Bearer test-key", request.Authorization);
        Assert.Equal("nomic-embed-text", request.Body["model"]!.GetValue<string>());
        Assert.Equal(texts, request.Body["input"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(8, request.Body["dimensions"]!.GetValue<int>());

        Assert.Equal(2, embeddings.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(ScriptedOpenAiServer.VectorFor(texts[i], 8), embeddings[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task Works_without_a_key_for_local_servers_and_leaves_dimensions_to_the_model()
    {
        await using var server = new ScriptedOpenAiServer(dimensions: 5);
        using var services = Configure(server);
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var vector = await generator.GenerateVectorAsync("retrieval-augmented generation");

        var request = Assert.Single(server.Requests);
        Assert.Null(request.Body["dimensions"]);
        Assert.Equal(ScriptedOpenAiServer.VectorFor("retrieval-augmented generation", 5), vector.ToArray());
        Assert.Null(generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions);
    }

    private static ServiceProvider Configure(ScriptedOpenAiServer server, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "openai",
            ["Embeddings:Endpoint"] = server.BaseAddress.ToString(),
            ["Embeddings:Model"] = "nomic-embed-text",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRagEmbeddings(configuration).BuildServiceProvider();
    }
}
