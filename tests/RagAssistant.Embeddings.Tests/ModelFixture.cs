using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>One loaded model for all tests in the collection: loading and converting it takes a moment.</summary>
public sealed class ModelFixture : IDisposable
{
    public UseLiteModel Model { get; } = new();

    public LocalSentenceEncoder Encoder => new(Model);

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ModelCollection : ICollectionFixture<ModelFixture>
{
    public const string Name = "Local model";
}
