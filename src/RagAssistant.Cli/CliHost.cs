using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Orchestration;
using RagAssistant.Embeddings;
using RagAssistant.Qdrant;

namespace RagAssistant.Cli;

/// <summary>
/// The CLI's composition root: the same configuration sources as the web app (appsettings.json,
/// .env, environment variables with <c>__</c>) plus the command line's own overrides.
/// </summary>
internal static class CliHost
{
    public static ServiceProvider Build(IDictionary<string, string?> overrides)
    {
        DotEnvFile.Load();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides.Where(pair => pair.Value is not null))
            .Build();

        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddRagEmbeddings(configuration)
            .AddQdrantIndex(configuration)
            .AddRagCore(configuration)
            .AddRagOrchestration(configuration)
            .BuildServiceProvider();
    }
}
