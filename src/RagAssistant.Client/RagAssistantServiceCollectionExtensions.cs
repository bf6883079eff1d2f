using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Client.Plugins;

namespace RagAssistant.Client;

/// <summary>Registration for hosts that use dependency injection.</summary>
public static class RagAssistantServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RagAssistantClient"/> on a factory-managed <see cref="HttpClient"/> and
    /// <see cref="PapersAgentPlugin"/>, both for the server described by <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the server address and API key.</param>
    public static IHttpClientBuilder AddRagAssistantClient(this IServiceCollection services, Action<RagAssistantClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RagAssistantClientOptions();
        configure(options);
        services.AddTransient(provider => new PapersAgentPlugin(provider.GetRequiredService<RagAssistantClient>()));
        return services.AddHttpClient<RagAssistantClient>(http => http.Timeout = RagAssistantClient.AnswerTimeout)
            .AddTypedClient((http, _) => new RagAssistantClient(http, options));
    }
}
