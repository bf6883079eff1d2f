using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Orchestration;
using RagAssistant.Embeddings;
using RagAssistant.Qdrant;
using RagAssistant.Redis;
using RagAssistant.Redis.Conversations;
using RagAssistant.Sqlite;

namespace RagAssistant.Hosting;

/// <summary>The product as both hosts run it: embeddings, the index (embedded or Qdrant), search, the answer orchestrator and kept conversations.</summary>
public static class RagAssistantComposition
{
    /// <summary>The <c>.env</c> file read from the current directory, below real environment variables.</summary>
    public const string DotEnvFileName = ".env";

    public static IHostApplicationBuilder AddRagAssistant(this IHostApplicationBuilder builder)
    {
        AddDotEnvFile(builder.Configuration);
        var configuration = builder.Configuration;

        // Several nodes (Rag:SharedState=redis) share one Redis connection and keep their conversations in it; one node
        // (the default) needs none, and keeps them in the data directory.
        if (RagOptions.Read(configuration).SharesStateInRedis) builder.Services.AddRedisConnection(configuration).AddRedisConversations();

        // Order matters: AddRagCore picks the keyed index (embedded or Qdrant) named by Rag:Store, and the embedder AddRagEmbeddings registered;
        // AddRagConversations keeps a conversation store registered before it.
        builder.Services
            .AddRagEmbeddings(configuration)
            .AddEmbeddedIndex()
            .AddQdrantIndex(configuration)
            .AddRagCore(configuration)
            .AddRagOrchestration(configuration)
            .AddRagConversations(configuration);

        builder.AddRagTelemetry();

        // A bad setting stops the host at start with a message naming the key, not at the first request.
        builder.Services.AddOptions<RagOptions>().ValidateOnStart();
        builder.Services.AddOptions<QdrantOptions>().ValidateOnStart();
        builder.Services.AddOptions<ConversationOptions>().ValidateOnStart();
        return builder;
    }

    /// <summary>Puts the .env file just below the unprefixed environment variables, so a variable that is set wins over the file.</summary>
    private static void AddDotEnvFile(IConfigurationManager configuration)
    {
        var source = new DotEnvConfigurationSource(Path.GetFullPath(DotEnvFileName));
        var sources = configuration.Sources;
        var environment = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (environment.s is null) sources.Add(source);
        else sources.Insert(environment.i, source);
    }
}
