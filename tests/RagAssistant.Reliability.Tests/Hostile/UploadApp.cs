using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Hostile;

/// <summary>One running app (sample papers, BM25 only) with a 1 MB upload limit, shared by the upload tests.</summary>
public sealed class UploadApp : IAsyncLifetime
{
    public const long MaxFileBytes = 1024 * 1024;

    public RagAppHost App { get; } = new(localEmbeddings: false, settings: new Dictionary<string, string?> { ["Rag:MaxFileBytes"] = MaxFileBytes.ToString() });

    public Task InitializeAsync() => App.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
