using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>Both local models, each loaded once for all tests in the collection: loading one takes a few seconds.</summary>
public sealed class ModelFixture : IDisposable
{
    public SentenceTransformer MiniLm { get; } = new(LocalModels.MiniLm);

    public SentenceTransformer ArcticXs { get; } = new(LocalModels.ArcticXs);

    /// <summary>The model the product uses when Embeddings:Model is unset.</summary>
    public SentenceTransformer Default => LocalModels.Default == LocalModels.MiniLm ? MiniLm : ArcticXs;

    public LocalSentenceEncoder Encoder => new(Default);

    public SentenceTransformer For(string modelName) => LocalModels.Find(modelName) == LocalModels.MiniLm ? MiniLm : ArcticXs;

    public void Dispose()
    {
        MiniLm.Dispose();
        ArcticXs.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ModelCollection : ICollectionFixture<ModelFixture>
{
    public const string Name = "Local models";
}
