namespace RagAssistant.Client.Tests.Hosting;

/// <summary>One app with an API key, indexed once and shared by every test class of the collection.</summary>
public sealed class GuardedApp : IAsyncLifetime
{
    public const string Key = "test-key-7f3a9c";

    public RagAssistantHost Host { get; } = new(Key);

    public Task InitializeAsync() => Host.StartAsync();

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class GuardedAppCollection : ICollectionFixture<GuardedApp>
{
    public const string Name = "guarded app";
}
