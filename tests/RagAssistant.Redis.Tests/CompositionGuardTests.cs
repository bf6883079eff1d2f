using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RagAssistant.Hosting;

namespace RagAssistant.Redis.Tests;

/// <summary>The start-up guard of the shared-state mode, on a host composed as the app and the CLI compose theirs.</summary>
public sealed class CompositionGuardTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("rag-guard-").FullName;

    private async Task<OptionsValidationException> RefusedAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rag:DataDir"] = _dataDir,
            ["Embeddings:Provider"] = "none",
            ["Chat:Provider"] = "extractive",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRagAssistant();
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public async Task Shared_state_in_Redis_with_the_embedded_store_is_refused_naming_both_settings()
    {
        var refused = await RefusedAsync(new() { ["Rag:SharedState"] = "redis", ["Rag:Store"] = "embedded" });

        Assert.Contains("Rag:SharedState=redis", refused.Message);
        Assert.Contains("Rag:Store=qdrant", refused.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost:6379,no-such-option=1")]
    public async Task A_Redis_connection_that_does_not_parse_is_refused_naming_the_setting(string connection)
    {
        var refused = await RefusedAsync(new() { ["Rag:SharedState"] = "redis", ["Rag:Store"] = "qdrant", ["Redis:Connection"] = connection });

        Assert.Contains("Redis:Connection", refused.Message);
    }

    [Fact]
    public async Task An_unknown_shared_state_is_refused_naming_the_choices()
    {
        var refused = await RefusedAsync(new() { ["Rag:SharedState"] = "memcached" });

        Assert.Contains("Rag:SharedState must be \"local\" or \"redis\"", refused.Message);
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
