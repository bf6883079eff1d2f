using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Sqlite;

namespace RagAssistant.Core.Tests.Storage;

public sealed class EmbeddedPaperIndexTests : IDisposable
{
    // Hand-made unit vectors: these tests are about the store's raw rankings, not the model.
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

        var rankings = await index.RankAsync(Query("protein structure prediction"));

        Assert.Equal("b", rankings.Sparse[0].PaperId);
        Assert.DoesNotContain(rankings.Sparse, hit => hit.PaperId == "c");
        Assert.Empty(rankings.Dense); // the query has no vector
    }

    [Fact]
    public async Task Dense_ranking_scores_each_paper_by_its_best_chunk()
    {
        await using var index = await OpenAsync(ThreeDimensions);
        await index.UpsertAsync([
            Indexed(Paper("x", "Paper X", "First window. Second window."), [[1, 0, 0], [0, 1, 0]]),
            Indexed(Paper("y", "Paper Y", "Only window."), [[0.6f, 0.8f, 0]]),
        ]);

        var dense = (await index.RankAsync(Query("anything", vector: [0, 1, 0]))).Dense;

        Assert.Equal(["x", "y"], dense.Select(hit => hit.PaperId));
        Assert.Equal(1.0, dense[0].Score, precision: 5); // the second window, not the first
        Assert.Equal(0.8, dense[1].Score, precision: 5);
    }

    [Fact]
    public async Task Both_rankings_come_back_raw_from_one_call()
    {
        await using var index = await OpenAsync(ThreeDimensions);
        await index.UpsertAsync([
            Indexed(Paper("terms", "Sparse retrieval with BM25", "Okapi BM25 ranks documents by term statistics."), [[0, 0, 1]]),
            Indexed(Paper("meaning", "Dense passage embeddings", "Vectors capture meaning beyond words."), [[1, 0, 0]]),
            Indexed(Paper("neither", "Cooking with cast iron", "Season the pan before use."), [[0, 1, 0]]),
        ]);

        var rankings = await index.RankAsync(Query("BM25 term statistics", vector: [1, 0, 0]));

        Assert.Equal(["meaning", "neither", "terms"], rankings.Dense.Select(hit => hit.PaperId)); // equal scores by id
        Assert.Equal([1.0, 0.0, 0.0], rankings.Dense.Select(hit => Math.Round(hit.Score, 5)));
        Assert.Equal("terms", Assert.Single(rankings.Sparse).PaperId);
        Assert.True(rankings.Sparse[0].Score > 0);
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

        var rankings = await index.RankAsync(Query("neural operators") with { FromDate = new DateOnly(2024, 1, 1) });

        Assert.Equal("new", Assert.Single(rankings.Sparse).PaperId);
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
        Assert.Contains("rebuild the index", refusal.Message);
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
        var dense = (await reopened.RankAsync(Query("x", vector: [0, 1, 0]))).Dense;

        Assert.Equal(1, await reopened.CountPapersAsync());
        Assert.Equal(0, Assert.Single(dense).Score, precision: 5); // the old [0, 1, 0] chunk is gone
        Assert.Equal("Only one now.", (await reopened.GetPaperAsync("a"))!.Abstract);
    }

    [Fact]
    public async Task Each_ranking_is_cut_at_the_candidate_count()
    {
        await using var index = await OpenAsync(ThreeDimensions);
        await index.UpsertAsync([.. Enumerable.Range(0, 5).Select(i => Indexed(Paper($"p{i}", $"Graph paper {i}", "Graph networks."), [[1, 0, 0]]))]);

        var rankings = await index.RankAsync(Query("graph", vector: [1, 0, 0]) with { Candidates = 3 });

        Assert.Equal(3, rankings.Dense.Count);
        Assert.Equal(3, rankings.Sparse.Count);
    }

    [Fact]
    public async Task Papers_come_back_in_the_order_asked_and_missing_ids_are_skipped()
    {
        await using var index = await OpenAsync(EmbeddingSignature.None);
        await index.UpsertAsync([Indexed(Paper("a", "First", "One.")), Indexed(Paper("b", "Second", "Two.")), Indexed(Paper("c", "Third", "Three."))]);

        var papers = await index.GetPapersAsync(["c", "missing", "a"]);

        Assert.Equal(["c", "a"], papers.Select(paper => paper.Id));
        Assert.Equal("Third", papers[0].Title);
        Assert.Empty(await index.GetPapersAsync([]));
    }

    [Fact]
    public async Task Sentences_come_back_with_their_vectors_and_roles_and_rewriting_a_paper_replaces_them()
    {
        await using var index = await OpenAsync(ThreeDimensions);
        var paper = Paper("a", "Title", "First finding. Second finding. Third.");
        var layer = new PaperSentences("a", new float[] { 0, 0, 1 },
        [
            new PaperSentence(0, "First finding.", SentenceRole.Background, new float[] { 1, 0, 0 }),
            new PaperSentence(1, "Second finding.", SentenceRole.Result, new float[] { 0, 1, 0 }),
            new PaperSentence(2, "Third.", null, ReadOnlyMemory<float>.Empty),
        ]);
        await index.UpsertAsync([Indexed(paper, [[1, 0, 0]]) with { Sentences = layer }, Indexed(Paper("b", "Other", "Only."), [[0, 1, 0]])]);

        var read = await index.GetSentencesAsync(["missing", "a", "b"]);

        Assert.Equal(["a", "b"], read.Select(sentences => sentences.PaperId));
        Assert.Equal(["First finding.", "Second finding.", "Third."], read[0].Sentences.Select(sentence => sentence.Text));
        Assert.Equal([SentenceRole.Background, SentenceRole.Result, null], read[0].Sentences.Select(sentence => sentence.Role));
        Assert.Equal([0f, 1f, 0f], read[0].Sentences[1].Vector.ToArray());
        Assert.True(read[0].Sentences[2].Vector.IsEmpty);
        Assert.Equal([0f, 0f, 1f], read[0].TitleVector.ToArray());

        await index.UpsertAsync([Indexed(Paper("a", "Title", "Rewritten."), [[1, 0, 0]])]);
        Assert.Equal(["Rewritten."], (await index.GetSentencesAsync(["a"]))[0].Sentences.Select(sentence => sentence.Text));
    }

    [Fact]
    public async Task A_store_of_the_previous_layout_is_refused_with_how_to_rebuild_and_a_rebuild_brings_it_up_to_date()
    {
        await using (var index = await OpenAsync(ThreeDimensions))
        {
            await index.UpsertAsync([Indexed(Paper("a", "Title", "Abstract text."), [[1, 0, 0]])]);
        }
        await MarkAsFirstLayoutAsync();

        await using var reopened = new EmbeddedPaperIndex(_folder.Path);
        var refusal = await Assert.ThrowsAsync<IndexMismatchException>(() => reopened.OpenAsync(ThreeDimensions));
        Assert.Contains("older version", refusal.Message);
        Assert.Contains("rebuild the index", refusal.Message);
        Assert.Equal(1, await reopened.CountPapersAsync()); // refusing touched nothing

        await reopened.ClearAsync();
        await reopened.OpenAsync(ThreeDimensions);
        await reopened.UpsertAsync([Indexed(Paper("a", "Title", "Abstract text."), [[1, 0, 0]])]);
        Assert.Equal(["Abstract text."], (await reopened.GetSentencesAsync(["a"]))[0].Sentences.Select(sentence => sentence.Text));
    }

    [Fact]
    public async Task Papers_read_back_whole_keep_their_authors_page_count_terms_and_chunks()
    {
        await using var index = await OpenAsync(ThreeDimensions);
        var pdf = Paper("a", "Title", "First sentence. Second sentence.") with { Authors = ["Ada Lovelace", "Alan Turing"], Pages = 12 };
        var written = Indexed(pdf, [[1, 0, 0], [0, 1, 0]]);
        await index.UpsertAsync([written]);

        var read = new List<IndexedPaper>();
        await foreach (var paper in index.ReadIndexedPapersAsync()) read.Add(paper);

        var only = Assert.Single(read);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], only.Paper.Authors);
        Assert.Equal(12, only.Paper.Pages);
        Assert.Equal(written.Terms.Indices, only.Terms.Indices);
        Assert.Equal(["First sentence.", "Second sentence."], only.Chunks.SelectMany(chunk => chunk.Sentences));
        Assert.Equal([1f, 0f, 0f], only.Vectors[0].ToArray());
    }

    [Fact]
    public async Task A_store_written_before_full_text_is_refused_naming_its_layout()
    {
        await using (var index = await OpenAsync(ThreeDimensions))
        {
            await index.UpsertAsync([Indexed(Paper("a", "Title", "Abstract text."), [[1, 0, 0]])]);
        }
        // Layout 3: sentences with their roles, but no authors, page count or sentence pages.
        await ChangeFileAsync("ALTER TABLE papers DROP COLUMN authors; ALTER TABLE papers DROP COLUMN pages; " +
                              "ALTER TABLE sentences DROP COLUMN section; ALTER TABLE sentences DROP COLUMN page; UPDATE meta SET value = '3' WHERE key = 'schema_version';");

        await using var reopened = new EmbeddedPaperIndex(_folder.Path);
        var refusal = await Assert.ThrowsAsync<IndexMismatchException>(() => reopened.OpenAsync(ThreeDimensions));
        Assert.Contains("older version", refusal.Message);
        Assert.Contains("index layout 3", refusal.Message);
        Assert.Contains("rebuild the index", refusal.Message);
        Assert.Equal(1, await reopened.CountPapersAsync());
    }

    /// <summary>Turns the file into one the first layout wrote: no sentence table, no title vectors, schema version 1.</summary>
    private Task MarkAsFirstLayoutAsync() =>
        ChangeFileAsync("DROP TABLE sentences; ALTER TABLE papers DROP COLUMN title_vector; UPDATE meta SET value = '1' WHERE key = 'schema_version';");

    /// <summary>Runs <paramref name="sql"/> on the closed store's file, as an older version would have left it.</summary>
    private async Task ChangeFileAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder.Path, EmbeddedPaperIndex.FileName)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
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
        var chunks = bodies.Select((body, i) => new Chunk(paper.Id, i, paper.Title, [body])).ToList();
        return new IndexedPaper(paper, chunks, [.. (vectors ?? []).Select(vector => (ReadOnlyMemory<float>)vector)], Bm25Encoder.EncodeDocument($"{paper.Title}\n{paper.Abstract}"),
            PaperSentences.Unembedded(paper.Id, chunks));
    }

    private static SearchQuery Query(string text, float[]? vector = null) =>
        new(Bm25Encoder.EncodeQuery(text), vector is null ? null : (ReadOnlyMemory<float>)vector, Candidates: 10);

    public void Dispose() => _folder.Dispose();
}
