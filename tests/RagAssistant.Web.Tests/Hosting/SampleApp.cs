namespace RagAssistant.Web.Tests.Hosting;

/// <summary>One running app with the sample papers indexed (BM25 only), shared by the tests of a class.</summary>
public sealed class SampleApp : IAsyncLifetime
{
    public RagAppHost App { get; } = new(localEmbeddings: false);

    public Task InitializeAsync() => App.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
