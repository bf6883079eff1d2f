using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using RagAssistant.Core.Orchestration.Agent;
using RagAssistant.Core.Orchestration.Conversations;
using RagAssistant.Core.Orchestration.Evidence;
using RagAssistant.Core.Orchestration.Plugins;
using RagAssistant.Core.Orchestration.Prompts;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Core.Orchestration.Writers.Extractive;
using RagAssistant.Core.Orchestration.Writers.LanguageModel;
using OpenAI;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// The Semantic Kernel <see cref="Kernel"/> (transient, with the <c>papers</c> plugin and the prompt functions: what agent mode orchestrates),
    /// the <see cref="AnswerOrchestrator"/> and, by <c>Chat:Provider</c>, its writer and follow-up condenser:
    /// <c>extractive</c> (default) needs no model; <c>openai</c> uses an OpenAI-compatible chat endpoint
    /// (<c>Chat:Endpoint</c>, <c>Chat:ApiKey</c>, <c>Chat:Model</c>) unless an <see cref="IChatCompletionService"/>
    /// is already registered. Call after <c>AddRagCore</c>; the embedder is used when registered.
    /// </summary>
    public static IServiceCollection AddRagOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AssistantOptions.Section);
        services.AddOptions<AssistantOptions>().Bind(section);
        // Provider and mode decide which services exist, so they are read now rather than through IOptions.
        var settings = section.Get<AssistantOptions>() ?? new AssistantOptions();
        var provider = settings.Provider.Trim().ToLowerInvariant();
        var mode = settings.Mode.Trim().ToLowerInvariant();
        if (mode is not (ChatModes.Single or ChatModes.Agent))
        {
            throw new InvalidOperationException($"Chat:Mode \"{settings.Mode}\" is not one of {ChatModes.Single}, {ChatModes.Agent}.");
        }
        if (provider != ChatProviders.OpenAI && (mode == ChatModes.Agent || settings.EvidenceStep))
        {
            throw new InvalidOperationException(
                $"{(mode == ChatModes.Agent ? "Chat:Mode=agent" : "Chat:EvidenceStep")} needs a language model: set Chat:Provider=openai with Chat:Model (and Chat:Endpoint for a local server).");
        }

        services.TryAddSingleton(sp => new PromptLibrary(Options(sp).PromptsDir));
        services.TryAddSingleton(sp => new PapersPlugin(sp.GetRequiredService<PaperSearch>(), sp.GetRequiredService<IPaperIndex>()));
        services.AddSingleton(sp => KernelPluginFactory.CreateFromObject(sp.GetRequiredService<PapersPlugin>(), PapersPlugin.PluginName));
        services.AddSingleton(sp => sp.GetRequiredService<PromptLibrary>().Plugin);
        // As AddKernel() registers it, but on KernelServices, so the functions' logs follow the Microsoft.SemanticKernel level.
        services.AddTransient(sp => new Kernel(new KernelServices(sp), new KernelPluginCollection(sp.GetServices<KernelPlugin>())));

        services.TryAddSingleton(sp => new SourceRetriever(sp.GetRequiredService<PaperRetriever>(), sp.GetRequiredService<IOptions<AssistantOptions>>()));
        services.TryAddSingleton(sp => new ExtractiveAnswerWriter(sp.GetRequiredService<IOptions<AssistantOptions>>(), Embedder(sp)));
        switch (provider)
        {
            case ChatProviders.Extractive:
                services.TryAddSingleton<IAnswerWriter>(sp => sp.GetRequiredService<ExtractiveAnswerWriter>());
                services.TryAddSingleton<IFollowUpCondenser, RuleBasedFollowUpCondenser>();
                break;
            case ChatProviders.OpenAI:
                services.TryAddSingleton<IChatCompletionService>(sp => OpenAiChatCompletion(Options(sp), sp.GetService<ILoggerFactory>()));
                services.TryAddSingleton<IAnswerWriter>(sp =>
                {
                    // Resolved here so that a missing model or endpoint fails when the host starts, not at the first question.
                    sp.GetRequiredService<IChatCompletionService>();
                    return new ResilientAnswerWriter(
                        new LanguageModelAnswerWriter(ModelKernel(sp), sp.GetRequiredService<PromptLibrary>()),
                        sp.GetRequiredService<ExtractiveAnswerWriter>(),
                        sp.GetRequiredService<IOptions<AssistantOptions>>(),
                        sp.GetService<ILogger<ResilientAnswerWriter>>());
                });
                services.TryAddSingleton<IFollowUpCondenser>(sp => new LanguageModelFollowUpCondenser(
                    ModelKernel(sp), sp.GetRequiredService<PromptLibrary>(), Options(sp).Timeout, sp.GetService<ILogger<LanguageModelFollowUpCondenser>>()));
                if (settings.EvidenceStep)
                {
                    services.TryAddSingleton(sp => new EvidenceWeigher(
                        ModelKernel(sp), sp.GetRequiredService<PromptLibrary>(), sp.GetRequiredService<IOptions<AssistantOptions>>(), sp.GetService<ILogger<EvidenceWeigher>>()));
                }
                if (mode == ChatModes.Agent)
                {
                    services.TryAddSingleton(sp => new AgentAnswerPlan(
                        sp.GetRequiredService<Kernel>(), sp.GetRequiredService<IPaperIndex>(), sp.GetRequiredService<IAnswerWriter>(),
                        sp.GetRequiredService<PromptLibrary>(), sp.GetRequiredService<IOptions<AssistantOptions>>(), Embedder(sp)));
                }
                break;
            default:
                throw new InvalidOperationException($"Chat:Provider \"{provider}\" is not one of {ChatProviders.Extractive}, {ChatProviders.OpenAI}.");
        }
        services.TryAddSingleton(sp => new AnswerOrchestrator(
            sp.GetRequiredService<IFollowUpCondenser>(),
            sp.GetRequiredService<SourceRetriever>(),
            sp.GetRequiredService<IAnswerWriter>(),
            sp.GetService<EvidenceWeigher>(),
            sp.GetService<AgentAnswerPlan>(),
            Embedder(sp),
            sp.GetService<ILogger<AnswerOrchestrator>>()));
        return services;
    }

    /// <summary>Semantic Kernel's OpenAI connector, pointed at any OpenAI-compatible server when an endpoint is configured.</summary>
    private static OpenAIChatCompletionService OpenAiChatCompletion(AssistantOptions options, ILoggerFactory? loggerFactory)
    {
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new InvalidOperationException("Chat:Provider is openai but Chat:Model is not set; name the chat model (or Azure deployment).");
        }
        // No retries inside the client: ResilientAnswerWriter owns timeouts, retries and the fallback, so they do not multiply.
        var clientOptions = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            clientOptions.Endpoint = Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
                ? endpoint
                : throw new InvalidOperationException($"Chat:Endpoint \"{options.Endpoint}\" is not an absolute URL.");
        }
        else if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new InvalidOperationException("Chat:Provider is openai without Chat:Endpoint, which means OpenAI itself, but Chat:ApiKey is not set.");
        }
        // Local servers (Ollama, vLLM, LM Studio) take any key, but the client insists on one.
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIChatCompletionService(options.Model, new OpenAIClient(key, clientOptions), loggerFactory);
    }

    /// <summary>
    /// A kernel with the chat model and no plugins, for the prompt functions the writer and the condenser call. They are
    /// themselves behind the answer plugin, so handing them the plugin-bearing kernel would make the composition circular.
    /// </summary>
    private static Kernel ModelKernel(IServiceProvider provider) => new(new KernelServices(provider), []);

    private static AssistantOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<AssistantOptions>>().Value;

    private static IEmbeddingGenerator<string, Embedding<float>>? Embedder(IServiceProvider provider) =>
        provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
}
