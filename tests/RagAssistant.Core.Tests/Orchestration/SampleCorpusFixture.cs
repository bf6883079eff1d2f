using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Orchestration;
using RagAssistant.Embeddings.Local;
using RagAssistant.Embeddings.Roles;
using RagAssistant.Sqlite;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// The sample corpus (303 papers) indexed twice into temporary embedded stores: once with the real local
/// encoder and sentence-role classifier (dense + BM25, as shipped) and once without embeddings (BM25 only,
/// <c>Embeddings:Provider=none</c>).
/// Services are composed the way the hosts compose them: AddEmbeddedIndex, AddRagCore, then AddRagOrchestration.
/// </summary>
public sealed class SampleCorpusFixture : IAsyncLifetime
{
    private readonly TempDirectory _denseData = new();
    private readonly TempDirectory _sparseData = new();

    public SentenceTransformer Model { get; } = new(LocalModels.Default);

    public IEmbeddingGenerator<string, Embedding<float>> Encoder => new LocalSentenceEncoder(Model);

    public async Task InitializeAsync()
    {
        await IndexSampleAsync(_denseData.Path, Encoder);
        await IndexSampleAsync(_sparseData.Path, null);
    }

    /// <summary>
    /// A provider over one of the two stores, its index opened. <paramref name="configure"/> adds configuration
    /// (e.g. <c>Chat:Provider</c>); <paramref name="register"/> runs before the Rag registrations, so a test may
    /// put its own <c>IChatCompletionService</c> in first.
    /// </summary>
    public async Task<ServiceProvider> ServicesAsync(
        bool withEmbeddings = true, IDictionary<string, string?>? configure = null, Action<IServiceCollection>? register = null, string? dataDirectory = null)
    {
        var settings = new Dictionary<string, string?> { ["Rag:DataDir"] = dataDirectory ?? (withEmbeddings ? _denseData.Path : _sparseData.Path) };
        foreach (var (key, value) in configure ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        if (withEmbeddings) services.AddSingleton(Encoder);
        register?.Invoke(services);
        var provider = services.AddEmbeddedIndex().AddRagCore(configuration).AddRagOrchestration(configuration).BuildServiceProvider();
        await provider.OpenIndexAsync();
        return provider;
    }

    public async Task<AnswerOrchestrator> OrchestratorAsync(bool withEmbeddings = true, IDictionary<string, string?>? configure = null) =>
        (await ServicesAsync(withEmbeddings, configure)).GetRequiredService<AnswerOrchestrator>();

    /// <summary>Indexes other papers into another folder, with the local encoder, for tests that need a corpus of their own.</summary>
    public async Task IndexAsync(string dataDirectory, string papersPath)
    {
        await using var index = new EmbeddedPaperIndex(dataDirectory);
        await new PaperIndexer(index, new PaperFileReader(PaperFileReader.DefaultMaxFileBytes), new AbstractChunker(new WordPieceTokenCounter(Model)), Encoder)
            .IndexAsync([papersPath]);
    }

    private async Task IndexSampleAsync(string dataDirectory, IEmbeddingGenerator<string, Embedding<float>>? encoder)
    {
        await using var index = new EmbeddedPaperIndex(dataDirectory);
        var chunker = new AbstractChunker(encoder is null ? new ApproximateTokenCounter(512) : new WordPieceTokenCounter(Model));
        // As the hosts compose it: the local model's vectors come with the shipped sentence-role classifier.
        var roles = encoder is null ? null : new SentenceRoleClassifier(() => SentenceRoleModel.Shipped()!);
        var indexer = new PaperIndexer(index, new PaperFileReader(PaperFileReader.DefaultMaxFileBytes), chunker, encoder, roles);
        var summary = await indexer.IndexAsync([TestRepository.SamplePapers]);
        if (summary.Papers != 303) throw new InvalidOperationException($"Expected 303 sample papers, indexed {summary.Papers}.");
    }

    public Task DisposeAsync()
    {
        Model.Dispose();
        _denseData.Dispose();
        _sparseData.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SampleCorpusCollection : ICollectionFixture<SampleCorpusFixture>
{
    public const string Name = "Sample corpus";
}
