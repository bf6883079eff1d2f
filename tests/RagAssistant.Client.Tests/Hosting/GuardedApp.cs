namespace RagAssistant.Client.Tests.Hosting;

/// <summary>One app with an API key, indexed once and shared by every test class of the collection.</summary>
public sealed class GuardedApp : IAsyncLifetime
{
    public const string Key = "1b75e09fec570c7f133e2ab1da563a928f69ed10485564b21ef0262644708ffc";

    public RagAssistantHost Host { get; } = new(Key);

    public Task InitializeAsync() => Host.StartAsync();

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class GuardedAppCollection : ICollectionFixture<GuardedApp>
{
    public const string Name = "guarded app";
}
