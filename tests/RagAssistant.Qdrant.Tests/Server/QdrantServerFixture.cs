namespace RagAssistant.Qdrant.Tests.Server;

/// <summary>One single-node Qdrant shared by a test class; tests isolate themselves by collection name.</summary>
public sealed class QdrantServerFixture : IAsyncLifetime
{
    private QdrantNode? _node;

    internal QdrantNode Node => _node ?? throw new InvalidOperationException("The Qdrant server is not started.");

    public string Url => Node.Url;

    public async Task InitializeAsync() => _node = await QdrantNode.StartAsync(() => QdrantNodeSettings.Fresh());

    public async Task DisposeAsync()
    {
        if (_node is null) return;
        await _node.DisposeAsync();
        _node.DeleteFiles();
    }
}
