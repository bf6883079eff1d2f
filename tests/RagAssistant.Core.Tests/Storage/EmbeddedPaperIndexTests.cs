using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Core.Storage.Embedded;

namespace RagAssistant.Core.Tests.Storage;

public sealed class EmbeddedPaperIndexTests : IDisposable
{
    // Hand-made unit vectors: these tests are about the store's ranking and fusion, not the model.
    private static readonly EmbeddingSignature ThreeDimensions = new("test", "axes", 3);

    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Sparse_search_ranks_the_paper_sharing_the_rare_terms_first()
    {
        await using var index = await OpenAsync(EmbeddingSignature.None);
        await index.UpsertAsync([
            Indexed(Paper("a", "Graph neural networks for molecules", "Message passing predicts molecular properties.")),
            Indexed(Paper("b", "Transformers for protein folding", "Attention over residues predicts protein structure.")),
            Indexed(Paper("c", "Diffusion models for images", "Denoising produces images from noise.")),
        ]);

        var hits = await index.SearchAsync(Query("protein structure prediction", SearchMode.Sparse));

        Assert.Equal("b", hits[0].Paper.Id);
        Assert.DoesNotContain(hits, hit => hit.Paper.Id == "c");
    }

    [Fact]
    public async Task Dense_search_ranks_papers_by_their_best_chunk_and_keeps_it_as_the_snippet()
    {
        await using var index = await OpenAsync(ThreeDimensions);
        await index.UpsertAsync([
            Indexed(Paper("x", "Paper X", "First window. Second window."), [[1, 0, 0], [0, 1, 0]]),
            Indexed(Paper("y", "Paper Y", "Only window."), [[0.6f, 0.8f, 0]]),
        ]);

        var hits = await index.SearchAsync(Query("anything", SearchMode.Dense, vector: [0, 1, 0]));

        Assert.Equal(["x", "y"], hits.Select(hit => hit.Paper.Id));
        Assert.Equal("Second window.", hits[0].Snippet);
        Assert.Equal(1.0, hits[0].Score, precision: 5);
    }

    [Fact]
    public async Task Hybrid_search_fuses_both_rankings()
    {
        await using var index = await OpenAsync(ThreeDimensions);
        await index.UpsertAsync([
            Indexed(Paper("terms", "Sparse retrieval with BM25", "Okapi BM25 ranks documents by term statistics."), [[0, 0, 1]]),
            Indexed(Paper("meaning", "Dense passage embeddings", "Vectors capture meaning beyond words."), [[1, 0, 0]]),
            Indexed(Paper("neither", "Cooking with cast iron", "Season the pan before use."), [[0, 1, 0]]),
        ]);

        var hits = await index.SearchAsync(Query("BM25 term statistics", SearchMode.Hybrid, vector: [1, 0, 0]));

        Assert.Equal(["meaning", "terms"], hits.Take(2).Select(hit => hit.Paper.Id).Order());
        Assert.Equal("neither", hits[^1].Paper.Id);
    }

    [Fact]
    public async Task Date_filters_apply_before_ranking()
    {
        await using var index = await OpenAsync(EmbeddingSignature.None);
        await index.UpsertAsync([
            Indexed(Paper("old", "Neural operators", "Neural operators learn PDE solutions.", new DateOnly(2021, 3, 1))),
            Indexed(Paper("new", "Neural operators again", "Neural operators learn PDE solutions fast.", new DateOnly(2024, 6, 1))),
            Indexed(Paper("undated", "Neural operators undated", "Neural operators learn PDE solutions.")),
        ]);

        var hits = await index.SearchAsync(Query("neural operators", SearchMode.Sparse) with { FromDate = new DateOnly(2024, 1, 1) });

        Assert.Equal("new", Assert.Single(hits).Paper.Id);
    }

    [Fact]
    public async Task A_store_built_by_another_model_is_refused_with_how_to_rebuild()
    {
        await using (var index = await OpenAsync(ThreeDimensions))
        {
            await index.UpsertAsync([Indexed(Paper("a", "Title", "Abstract text."), [[1, 0, 0]])]);
        }

        await using var reopened = new EmbeddedPaperIndex(_folder.Path);
        var refusal = await Assert.ThrowsAsync<IndexMismatchException>(() => reopened.OpenAsync(new EmbeddingSignature("local", "use-lite", 512)));

        Assert.Contains("test/axes (3 dimensions)", refusal.Message);
        Assert.Contains("local/use-lite (512 dimensions)", refusal.Message);
        Assert.Contains("rag index <papers> --rebuild", refusal.Message);
        Assert.Equal(1, await reopened.CountPapersAsync()); // refusing touched nothing
    }

    [Fact]
    public async Task Papers_survive_reopening_and_replacing_a_paper_replaces_its_chunks()
    {
        await using (var index = await OpenAsync(ThreeDimensions))
        {
            await index.UpsertAsync([Indexed(Paper("a", "Title", "One. Two."), [[1, 0, 0], [0, 1, 0]])]);
            await index.UpsertAsync([Indexed(Paper("a", "Title", "Only one now."), [[0, 0, 1]])]);
        }

        await using var reopened = await OpenAsync(ThreeDimensions);
        var hits = await reopened.SearchAsync(Query("x", SearchMode.Dense, vector: [0, 1, 0]));

        Assert.Equal(1, await reopened.CountPapersAsync());
        Assert.Equal("Only one now.", Assert.Single(hits).Snippet);
        Assert.Equal(0, hits[0].Score, precision: 5);
    }

    private async Task<EmbeddedPaperIndex> OpenAsync(EmbeddingSignature signature)
    {
        var index = new EmbeddedPaperIndex(_folder.Path);
        await index.OpenAsync(signature);
        return index;
    }

    private static Paper Paper(string id, string title, string @abstract, DateOnly? date = null) =>
        new(id, title, @abstract, date, AuthorCount: 2, Upvotes: null, Url: null, new SourceLocation("test.jsonl", 1));

    /// <summary>One chunk per sentence, so tests choose which window a vector belongs to.</summary>
    private static IndexedPaper Indexed(Paper paper, float[][]? vectors = null)
    {
        var bodies = paper.Abstract.Split(". ", StringSplitOptions.RemoveEmptyEntries).Select(body => body.EndsWith('.') ? body : body + ".").ToList();
        var chunks = bodies.Select((body, i) => new Chunk(paper.Id, i, paper.Title, body)).ToList();
        return new IndexedPaper(paper, chunks, [.. (vectors ?? []).Select(vector => (ReadOnlyMemory<float>)vector)], Bm25Encoder.EncodeDocument($"{paper.Title}\n{paper.Abstract}"));
    }

    private static SearchQuery Query(string text, SearchMode mode, float[]? vector = null) =>
        new(text, Bm25Encoder.EncodeQuery(text), vector, Top: 10, mode);

    public void Dispose() => _folder.Dispose();
}
