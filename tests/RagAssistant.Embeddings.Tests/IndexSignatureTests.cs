using RagAssistant.Core.Papers;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;
using RagAssistant.Sqlite;
using RagAssistant.Embeddings.Local;

namespace RagAssistant.Embeddings.Tests;

/// <summary>An index records the local model that built it, so switching models (or coming from USE-lite) asks for a rebuild.</summary>
[Collection(ModelCollection.Name)]
public sealed class IndexSignatureTests(ModelFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("signature-test-");

    [Fact]
    public async Task An_index_built_with_one_local_model_is_refused_under_the_other_with_the_rebuild_hint()
    {
        await IndexOnePaperAsync(fixture.MiniLm);

        await using var reopened = new EmbeddedPaperIndex(_data.FullName);
        var arctic = EmbeddingSignature.Of(new LocalSentenceEncoder(fixture.ArcticXs));
        var refusal = await Assert.ThrowsAsync<IndexMismatchException>(() => reopened.OpenAsync(arctic));

        // Same provider and dimension: only the recorded model name tells the two apart.
        Assert.Contains("local/all-MiniLM-L6-v2 (384 dimensions)", refusal.Message);
        Assert.Contains("local/snowflake-arctic-embed-xs (384 dimensions)", refusal.Message);
        Assert.Contains("rebuild the index", refusal.Message);
    }

    [Fact]
    public async Task An_index_built_with_use_lite_is_refused_under_the_default_model()
    {
        await using (var old = new EmbeddedPaperIndex(_data.FullName))
        {
            var useLite = new EmbeddingSignature("local", "use-lite", 512);
            await old.OpenAsync(useLite);
            Chunk[] chunks = [new(Paper.Id, 0, Paper.Title, [Paper.Abstract])];
            await old.UpsertAsync([new IndexedPaper(Paper, chunks, [new float[512]], Core.Retrieval.Bm25.Bm25Encoder.EncodeDocument(Paper.Abstract), PaperSentences.Unembedded(Paper.Id, chunks))]);
        }

        await using var reopened = new EmbeddedPaperIndex(_data.FullName);
        var refusal = await Assert.ThrowsAsync<IndexMismatchException>(() => reopened.OpenAsync(EmbeddingSignature.Of(fixture.Encoder)));

        Assert.Contains("local/use-lite (512 dimensions)", refusal.Message);
        Assert.Contains($"local/{LocalModels.Default.Name} (384 dimensions)", refusal.Message);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private static readonly Core.Papers.Paper Paper = new(
        "p1", "Message passing on molecular graphs", "Graph neural networks predict molecular properties.",
        null, AuthorCount: 1, Upvotes: null, Url: null, new Core.Papers.SourceLocation("papers.jsonl", 1));

    private async Task IndexOnePaperAsync(SentenceTransformer transformer)
    {
        var file = Path.Combine(_data.FullName, "papers.jsonl");
        await File.WriteAllTextAsync(file, """{"_id":"p1","title":"Message passing on molecular graphs","text":"Graph neural networks predict molecular properties."}""" + "\n");
        await using var index = new EmbeddedPaperIndex(_data.FullName);
        var summary = await new PaperIndexer(index, new PaperFileReader(PaperFileReader.DefaultMaxFileBytes), new AbstractChunker(new WordPieceTokenCounter(transformer)), new LocalSentenceEncoder(transformer))
            .IndexAsync([file]);
        Assert.Equal(1, summary.Added);
    }
}
