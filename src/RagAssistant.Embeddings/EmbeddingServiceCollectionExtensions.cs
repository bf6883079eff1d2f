using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Embeddings.Local;
using RagAssistant.Embeddings.Remote;
using RagAssistant.Embeddings.Roles;

namespace RagAssistant.Embeddings;

public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>
    /// The one place that wires embeddings from the "Embeddings" section: an <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>
    /// (none when Provider is "none"), the <see cref="ITokenCounter"/> the chunker sizes chunks with, and — for the local
    /// model the shipped sentence-role classifier was trained on — that <see cref="ISentenceRoleClassifier"/>.
    /// Nothing is loaded here; the local model loads on its first use, from its package assembly.
    /// </summary>
    public static IServiceCollection AddRagEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(EmbeddingOptions.SectionName);
        services.AddOptions<EmbeddingOptions>().Bind(section);

        // Which services exist depends on the provider, so the section is read now rather than through IOptions.
        var options = section.Get<EmbeddingOptions>() ?? new EmbeddingOptions();
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case EmbeddingProviders.Local:
                // An unknown model name fails here, at start-up, rather than on the first search.
                var model = string.IsNullOrWhiteSpace(options.Model) ? LocalModels.Default : LocalModels.Find(options.Model);
                services.AddSingleton(_ => new SentenceTransformer(model));
                services.AddSingleton<ITokenCounter>(sp => new WordPieceTokenCounter(sp.GetRequiredService<SentenceTransformer>(), options.MaxTokens ?? model.MaxTextTokens));
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => new LocalSentenceEncoder(sp.GetRequiredService<SentenceTransformer>()));
                // Sentence roles are read from this model's vectors, so the classifier serves only the model it was trained on.
                if (SentenceRoleModel.ShippedCard()?.EmbeddingModel == model.Name)
                {
                    services.AddSingleton<ISentenceRoleClassifier>(_ => new SentenceRoleClassifier(() => SentenceRoleModel.Shipped()!));
                }
                break;
            case EmbeddingProviders.OpenAI:
                services.AddSingleton<ITokenCounter>(new ApproximateTokenCounter(options.MaxTokens ?? EmbeddingOptions.DefaultRemoteMaxTokens));
                services.AddSingleton(_ => OpenAiCompatibleEmbeddings.Create(options));
                break;
            case EmbeddingProviders.None:
                services.AddSingleton<ITokenCounter>(new ApproximateTokenCounter(options.MaxTokens ?? EmbeddingOptions.DefaultRemoteMaxTokens));
                break;
            default:
                throw new InvalidOperationException(
                    $"Embeddings:Provider '{options.Provider}' is not one of {EmbeddingProviders.Local}, {EmbeddingProviders.OpenAI}, {EmbeddingProviders.None}.");
        }

        return services;
    }
}
