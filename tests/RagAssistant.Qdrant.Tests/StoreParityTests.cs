using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Core.Storage.Embedded;
using RagAssistant.Embeddings.Local;
using RagAssistant.Qdrant.Tests.Server;
using Xunit.Abstractions;

namespace RagAssistant.Qdrant.Tests;

/// <summary>
/// The embedded store and Qdrant, fed the same sample corpus by Core's <see cref="PaperIndexer"/>,
/// rank alike: the same top 5 by BM25, overlapping top 5 by dense vectors.
/// </summary>
public sealed class StoreParityTests(QdrantServerFixture server, ITestOutputHelper output) : IClassFixture<QdrantServerFixture>
{
    private const int Top = 5;

    [Fact]
    public async Task Sparse_rankings_are_identical_and_dense_rankings_overlap()
    {
        // The product's own model and chunking, so the overlap reported is the one users get.
        using var model = new SentenceTransformer(LocalModels.Default);
        using var encoder = new LocalSentenceEncoder(model);
        var reader = new PaperFileReader(PaperFileReader.DefaultMaxFileBytes);
        var chunker = new AbstractChunker(new WordPieceTokenCounter(model));
        var data = Directory.CreateTempSubdirectory("embedded-parity-");
        try
        {
            await using var embedded = new EmbeddedPaperIndex(data.FullName);
            await using var services = new QdrantServices(server.Url);
            var embeddedRun = await new PaperIndexer(embedded, reader, chunker, encoder).IndexAsync([SamplePapers.CorpusFolder()]);
            var qdrantRun = await new PaperIndexer(services.Index, reader, chunker, encoder).IndexAsync([SamplePapers.CorpusFolder()]);
            Assert.Equal(303, qdrantRun.Papers);
            Assert.Equal(303, qdrantRun.Added);
            Assert.Equal(embeddedRun.Chunks, qdrantRun.Chunks);

            var denseOverlap = 0;
            foreach (var question in SamplePapers.Questions)
            {
                var vector = (await encoder.GenerateAsync([question]))[0].Vector;
                var query = new SearchQuery(Bm25Encoder.EncodeQuery(question), vector, Top);
                var fromEmbedded = await embedded.RankAsync(query);
                var fromQdrant = await services.Index.RankAsync(query);
                Assert.True(SearchResults.Same(fromEmbedded.Sparse, fromQdrant.Sparse, tolerance: 1e-3),
                    $"sparse '{question}': embedded [{SearchResults.Describe(fromEmbedded.Sparse)}], qdrant [{SearchResults.Describe(fromQdrant.Sparse)}]");

                var overlap = fromEmbedded.Dense.Select(h => h.PaperId).Intersect(fromQdrant.Dense.Select(h => h.PaperId)).Count();
                output.WriteLine($"dense '{question}': {overlap}/{Top} shared");
                denseOverlap += overlap;
            }
            var meanOverlap = (double)denseOverlap / SamplePapers.Questions.Count;
            output.WriteLine($"dense top-{Top} overlap: {denseOverlap}/{SamplePapers.Questions.Count * Top} ({meanOverlap:F2} per query)");
            Assert.True(meanOverlap >= 3.5, $"dense top-{Top} overlap only {meanOverlap:F2} per query");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Indexing_again_adds_nothing_and_keeps_the_point_count()
    {
        using var embedder = new HashedWordsEmbedder();
        await using var services = new QdrantServices(server.Url);
        var first = await Indexer(services.Index, embedder).IndexAsync([SamplePapers.CorpusFolder()]);
        var points = await services.Client.CountAsync(services.Collection);

        var second = await Indexer(services.Index, embedder).IndexAsync([SamplePapers.CorpusFolder()]);

        Assert.Equal((303, 303), (first.Papers, first.Added));
        Assert.Equal((0, 0, 303, 0), (second.Added, second.Updated, second.Unchanged, second.Chunks));
        Assert.Equal(points, await services.Client.CountAsync(services.Collection));
        Assert.Equal(first.Chunks, points);
        Assert.Equal(303, await services.Index.CountPapersAsync());
    }

    internal static PaperIndexer Indexer(IPaperIndex index, HashedWordsEmbedder embedder) =>
        new(index, new PaperFileReader(PaperFileReader.DefaultMaxFileBytes), new AbstractChunker(new ApproximateTokenCounter(128)), embedder);
}
