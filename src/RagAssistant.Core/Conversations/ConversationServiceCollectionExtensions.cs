using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;

namespace RagAssistant.Core.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Kept conversations, asked through the orchestrator: in <c>&lt;data dir&gt;/conversations</c> unless another
    /// <see cref="IConversationStore"/> was registered first (Redis, for several nodes). Call after <c>AddRagOrchestration</c>.
    /// </summary>
    public static IServiceCollection AddRagConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>()
            .Bind(configuration.GetSection(ConversationOptions.Section))
            .Validate(o => o.IdleAfter > TimeSpan.Zero, "Conversations:IdleAfter must be a positive time span such as 00:30:00.")
            .Validate(o => o.ExchangesInMemory >= 1, "Conversations:ExchangesInMemory must be at least 1.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAnswerStream, OrchestratorAnswerStream>();
        services.TryAddSingleton<IConversationStore>(provider => new FileConversationStore(
            Path.Combine(provider.GetRequiredService<IOptions<RagOptions>>().Value.DataDirFullPath, FileConversationStore.FolderName),
            provider.GetRequiredService<IOptions<ConversationOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<FileConversationStore>>() ?? NullLogger<FileConversationStore>.Instance));
        services.TryAddSingleton<ConversationService>();
        return services;
    }
}
