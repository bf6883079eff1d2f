using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Reliability.Tests.Support;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Store;

/// <summary>
/// `rag index` — the real program, in its own process — writes papers into the data directory of the running app:
/// the app's search finds them, and /health counts them, without a restart.
/// </summary>
public sealed class IndexWhileServingTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>How long the new papers may take to show; a guard against "never", not a speed check.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly string[] NewIds = ["outside-1", "outside-2", "outside-3"];

    private readonly string _papers = Directory.CreateTempSubdirectory("rag-outside-").FullName;

    [Fact]
    public async Task Papers_written_by_rag_index_while_the_app_answers_are_found_through_api_search()
    {
        // The sample papers are indexed on start (BM25 only), and the app searches them before `rag index` runs.
        await using var app = new RagAppHost(localEmbeddings: false);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        const string query = "quasicrystal phonon lattice";
        Assert.DoesNotContain(await SearchAsync(http, query), NewIds.Contains); // the app now holds a snapshot without them
        var papersBefore = await PapersOnHealthAsync(http);

        var file = Path.Combine(_papers, "outside.jsonl");
        await File.WriteAllLinesAsync(file, NewIds.Select((id, i) => JsonSerializer.Serialize(new
        {
            _id = id,
            title = $"Quasicrystal phonon lattice study {i + 1}",
            text = $"We measure phonon modes in a quasicrystal lattice, sample {i + 1}.",
        })));
        var run = await RagProgram.RunAsync(["index", file, "--json", "--data-dir", app.DataDir], new Dictionary<string, string>
        {
            ["Rag__Store"] = "embedded",
            ["Embeddings__Provider"] = "none", // the app's own setting: the index's signature must match
        });
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(NewIds.Length, run.Json.GetProperty("added").GetInt32());

        var started = DateTimeOffset.UtcNow;
        IReadOnlyList<string> found = [];
        while (!NewIds.All(found.Contains) && DateTimeOffset.UtcNow - started < Deadline)
        {
            found = await SearchAsync(http, query);
            if (!NewIds.All(found.Contains)) await Task.Delay(100);
        }
        output.WriteLine($"found {found.Count(NewIds.Contains)} of {NewIds.Length} new papers {(DateTimeOffset.UtcNow - started).TotalMilliseconds:0} ms after `rag index` exited");

        Assert.Subset(found.ToHashSet(), NewIds.ToHashSet());
        Assert.Equal(papersBefore + NewIds.Length, await PapersOnHealthAsync(http)); // search and /health agree
    }

    private static async Task<IReadOnlyList<string>> SearchAsync(HttpClient http, string query)
    {
        var response = await http.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}&top=10&mode=sparse");
        return [.. response.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("paper_id").GetString()!)];
    }

    private static async Task<long> PapersOnHealthAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("papers").GetInt64();

    public void Dispose() => Directory.Delete(_papers, recursive: true);
}
