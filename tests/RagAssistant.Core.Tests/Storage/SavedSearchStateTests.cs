using Microsoft.Data.Sqlite;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Sqlite;
using RagAssistant.Sqlite.Search;

namespace RagAssistant.Core.Tests.Storage;

/// <summary>
/// The papers and BM25 postings a store searched through its graph saves beside <c>index.db</c>
/// (<c>index.db.search</c>): reopening starts from them and must rank exactly as a store that read everything from
/// SQLite; a file that is damaged, cut short or another store's is not used; papers written after it was saved are
/// found after reopening.
/// </summary>
public sealed class SavedSearchStateTests : IDisposable
{
    private static readonly EmbeddedSearchOptions Graph = new() { ExactBelowChunks = 0 };
    private static readonly EmbeddedSearchOptions Exact = new() { ExactBelowChunks = int.MaxValue };

    private readonly TempDirectory _folder = new();
    private readonly TempDirectory _fresh = new();

    private string SavedFile => Path.Combine(_folder.Path, "index.db.search");

    [Fact]
    public async Task Reopening_starts_from_the_saved_file_and_ranks_exactly_as_a_store_read_from_sqlite()
    {
        var corpus = new ClusteredPapers(seed: 21);
        await using (var app = await OpenAsync(_folder, Graph))
        {
            foreach (var batch in corpus.Papers(1500).Chunk(500)) await app.UpsertAsync(batch);
        }
        Assert.True(File.Exists(SavedFile), "the papers and postings are saved beside index.db as the app stops");

        await using var reopened = await OpenAsync(_folder, Graph);
        await AssertRanksAsFreshAsync(reopened, corpus);
        Assert.True(reopened.LoadedSavedPapers, "the reopened store started from the saved file");
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("foreign")]
    [InlineData("future")]
    public async Task A_damaged_foreign_or_future_file_is_not_used_and_search_stays_right(string damage)
    {
        var corpus = new ClusteredPapers(seed: 22);
        await using (var app = await OpenAsync(_folder, Graph))
        {
            await app.UpsertAsync([.. corpus.Papers(800)]);
        }
        var bytes = File.ReadAllBytes(SavedFile);
        switch (damage)
        {
            case "truncated":
                File.WriteAllBytes(SavedFile, bytes[..(bytes.Length / 2)]); // as a full disk might leave it
                break;
            case "flipped":
                bytes[bytes.Length / 2] ^= 0x10; // one bit of one weight or slot: still a well-formed file
                File.WriteAllBytes(SavedFile, bytes);
                break;
            case "foreign":
                // Another store's file, of other papers, put in this one's place.
                await using (var other = await OpenAsync(_fresh, Graph))
                {
                    await other.UpsertAsync([.. new ClusteredPapers(seed: 99).Papers(800)]);
                }
                File.Copy(Path.Combine(_fresh.Path, "index.db.search"), SavedFile, overwrite: true);
                Directory.Delete(_fresh.Path, recursive: true);
                break;
            case "future":
                // The store restored from a copy taken before 200 more papers were written: the file is ahead of it.
                var database = Path.Combine(_folder.Path, "index.db");
                SqliteConnection.ClearAllPools();
                File.Copy(database, database + ".copy");
                await using (var app = await OpenAsync(_folder, Graph))
                {
                    await app.UpsertAsync([.. corpus.Papers(1000).Skip(800)]);
                }
                SqliteConnection.ClearAllPools();
                File.Move(database + ".copy", database, overwrite: true);
                break;
        }

        await using (var reopened = await OpenAsync(_folder, Graph))
        {
            await AssertRanksAsFreshAsync(reopened, corpus);
            Assert.False(reopened.LoadedSavedPapers, $"a {damage} file was used");
        }
        await using var again = await OpenAsync(_folder, Graph);
        await AssertRanksAsFreshAsync(again, corpus);
        Assert.True(again.LoadedSavedPapers, "the papers read from SQLite were saved again");
    }

    [Fact]
    public async Task Papers_written_after_the_file_was_saved_are_found_after_reopening()
    {
        var corpus = new ClusteredPapers(seed: 23);
        var first = corpus.Papers(1000).ToList();
        await using (var app = await OpenAsync(_folder, Graph))
        {
            await app.UpsertAsync(first);
        }
        var saved = File.ReadAllBytes(SavedFile);

        // Another process writes while the app is down: 300 new papers, and 100 earlier ones written anew with other words.
        var added = corpus.Papers(1300).Skip(1000).ToList();
        var moved = corpus.Moved(first.Take(100)).ToList();
        await using (var indexer = await OpenAsync(_folder, Exact))
        {
            await indexer.UpsertAsync([.. added, .. moved]);
        }
        Assert.Equal(saved, File.ReadAllBytes(SavedFile)); // the app's file is the one it saved, behind the store

        await using var reopened = await OpenAsync(_folder, Graph);
        foreach (var paper in added.Take(20).Concat(moved.Take(20)))
        {
            // Each paper's own id is a term no other paper has: it is found first, as it is now.
            var sparse = (await reopened.RankAsync(Sparse(paper.Paper.Id))).Sparse;
            Assert.Equal(paper.Paper.Id, Assert.Single(sparse).PaperId);
            var dense = (await reopened.RankAsync(new SearchQuery(SparseVector.Empty, paper.Vectors[0], Candidates: 5))).Dense;
            Assert.Equal(paper.Paper.Id, dense[0].PaperId);
        }
        // The rewritten papers' words are their new ones: "revised" finds exactly them.
        var revised = (await reopened.RankAsync(Sparse("revised", candidates: 500))).Sparse;
        Assert.Equal(moved.Select(paper => paper.Paper.Id).Order(), revised.Select(hit => hit.PaperId).Order());
        await AssertRanksAsFreshAsync(reopened, corpus);
        Assert.True(reopened.LoadedSavedPapers, "the reopened store started from the saved file");
        Assert.Equal(1300, await reopened.CountPapersAsync());
    }

    /// <summary>
    /// BM25 rankings identical (papers and scores) to those of a copy of the same SQLite file opened with nothing
    /// beside it, and every paper's own vector finding that paper.
    /// </summary>
    private async Task AssertRanksAsFreshAsync(EmbeddedPaperIndex store, ClusteredPapers corpus)
    {
        SqliteConnection.ClearAllPools();
        var copy = new TempDirectory();
        try
        {
            await using (var source = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "index.db")};Mode=ReadOnly;Pooling=False"))
            {
                await source.OpenAsync();
                await using var command = source.CreateCommand();
                command.CommandText = $"VACUUM INTO '{Path.Combine(copy.Path, "index.db")}'";
                await command.ExecuteNonQueryAsync();
            }
            await using var fresh = await OpenAsync(copy, Graph);
            foreach (var question in corpus.Questions(40))
            {
                var query = Sparse(question, candidates: 50);
                var expected = (await fresh.RankAsync(query)).Sparse;
                Assert.NotEmpty(expected);
                Assert.Equal(expected, (await store.RankAsync(query)).Sparse);
            }
            Assert.False(fresh.LoadedSavedPapers);
        }
        finally
        {
            copy.Dispose();
        }
    }

    private static SearchQuery Sparse(string text, int candidates = 10) => new(Bm25Encoder.EncodeQuery(text), null, candidates);

    private static async Task<EmbeddedPaperIndex> OpenAsync(TempDirectory folder, EmbeddedSearchOptions options)
    {
        Directory.CreateDirectory(folder.Path);
        var index = new EmbeddedPaperIndex(folder.Path, options);
        await index.OpenAsync(ClusteredPapers.Signature);
        return index;
    }

    public void Dispose()
    {
        _folder.Dispose();
        _fresh.Dispose();
    }
}
