using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Sqlite;

namespace RagAssistant.Core.Tests.Storage;

/// <summary>
/// The embedded store searches in-memory indexes; these tests check that a committed paper is never hidden by them,
/// whether the write raced a search bringing them up to date or came through another connection (as `rag index` in
/// another process does).
/// </summary>
public sealed class SearchFreshnessTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task A_write_that_lands_while_a_search_catches_up_is_found_by_the_next_search()
    {
        await using var app = await OpenAsync();
        await app.UpsertAsync([Indexed("first", "Graph networks for molecules")]);
        // Another index object on the same file writes, as `rag index` in another process does.
        await using var indexer = await OpenAsync();
        await indexer.UpsertAsync([Indexed("second", "Protein folding with attention")]);
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.AfterChangesRead = async () =>
        {
            read.TrySetResult();
            await release.Task;
        };

        // A search reads the change (the second paper) and is held before it applies it; meanwhile a third paper is committed.
        var racing = app.RankAsync(Query("graph"));
        await read.Task;
        await indexer.UpsertAsync([Indexed("third", "Diffusion models for images")]);
        release.SetResult();
        await racing;
        app.AfterChangesRead = null;

        var after = await app.RankAsync(Query("diffusion images"));

        Assert.Equal("third", Assert.Single(after.Sparse).PaperId);
    }

    [Fact]
    public async Task A_write_through_another_connection_is_found_by_the_next_search()
    {
        await using var app = await OpenAsync();
        await app.UpsertAsync([Indexed("first", "Graph networks for molecules")]);
        Assert.Single((await app.RankAsync(Query("graph"))).Sparse); // the app now holds a snapshot

        // Another index object on the same file: its own connections, exactly as `rag index` in another process.
        await using (var indexer = await OpenAsync())
        {
            await indexer.UpsertAsync([Indexed("second", "Protein folding with attention")]);
        }

        Assert.Equal("second", Assert.Single((await app.RankAsync(Query("protein folding"))).Sparse).PaperId);
        Assert.Equal(2, await app.CountPapersAsync());
    }

    private async Task<EmbeddedPaperIndex> OpenAsync()
    {
        var index = new EmbeddedPaperIndex(_folder.Path);
        await index.OpenAsync(EmbeddingSignature.None);
        return index;
    }

    private static IndexedPaper Indexed(string id, string title)
    {
        var paper = new Paper(id, title, $"An abstract about {title.ToLowerInvariant()}.", null, null, null, null, new SourceLocation("test.jsonl", 1));
        Chunk[] chunks = [new Chunk(id, 0, title, [paper.Abstract])];
        return new IndexedPaper(paper, chunks, [], Bm25Encoder.EncodeDocument($"{paper.Title}\n{paper.Abstract}"), PaperSentences.Unembedded(id, chunks));
    }

    private static SearchQuery Query(string text) => new(Bm25Encoder.EncodeQuery(text), null, Candidates: 10);

    public void Dispose() => _folder.Dispose();
}
