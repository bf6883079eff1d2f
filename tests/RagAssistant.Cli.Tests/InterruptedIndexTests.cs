using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace RagAssistant.Cli.Tests;

public sealed class InterruptedIndexTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("rag-cli-kill-").FullName;

    [Fact]
    public async Task A_run_killed_mid_way_leaves_whole_papers_and_the_next_run_completes_it()
    {
        var corpus = TestRepository.SciFactCorpus;
        var database = Path.Combine(_data, "index.db");
        string[] arguments = ["index", corpus, "--json", "--data-dir", _data];

        await KillAfterFirstCommitAsync(arguments, IndexCommandTests.Environment(), database);

        var survivors = CountPapers(database);
        Assert.InRange(survivors, 1, 5182);
        Assert.Equal(0, CountPapersWithoutChunks(database));

        var rerun = await RagCli.RunAsync(arguments, IndexCommandTests.Environment());

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(5183 - survivors, rerun.Json.GetProperty("added").GetInt32());
        Assert.Equal(survivors, rerun.Json.GetProperty("unchanged").GetInt32());
        Assert.Equal(5183, CountPapers(database));
    }

    [Fact]
    public async Task A_run_killed_mid_way_with_the_graph_in_use_leaves_whole_papers_and_the_graph_is_rebuilt_to_match()
    {
        var database = Path.Combine(_data, "index.db");
        string[] arguments = ["index", TestRepository.SamplePapers, "--json", "--data-dir", _data];
        // The real model, and the HNSW graph from the first vector on (as above the threshold).
        var graph = new Dictionary<string, string> { ["Embedded__ExactBelowChunks"] = "0" };

        await KillAfterFirstCommitAsync(arguments, graph, database);

        var survivors = CountPapers(database);
        Assert.InRange(survivors, 1, 302);
        Assert.Equal(0, CountPapersWithoutChunks(database));
        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM chunks WHERE vector IS NULL"));

        var rerun = await RagCli.RunAsync(arguments, graph);

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(303 - survivors, rerun.Json.GetProperty("added").GetInt32());
        Assert.True(File.Exists(database + ".graph"), "the graph is saved beside index.db when the run ends");
        var exact = new Dictionary<string, string> { ["Embedded__ExactBelowChunks"] = "1000000" };
        foreach (var question in new[] { "video generation with diffusion models", "reasoning in large language models" })
        {
            string[] search = ["search", question, "--mode", "dense", "--top", "10", "--json", "--data-dir", _data];
            var (throughGraph, scanned) = (await RagCli.RunAsync(search, graph), await RagCli.RunAsync(search, exact));
            Assert.Equal(0, throughGraph.ExitCode);
            Assert.Equal(Hits(scanned), Hits(throughGraph));
        }
    }

    /// <summary>Starts `rag` and SIGKILLs it as soon as the first batch is committed: no chance to clean up.</summary>
    private static async Task KillAfterFirstCommitAsync(string[] arguments, Dictionary<string, string> environment, string database)
    {
        using var run = Process.Start(RagCli.StartInfo(arguments, environment))!;
        while (!run.HasExited && CountPapers(database) == 0) await Task.Delay(5);
        run.Kill(entireProcessTree: true);
        await run.WaitForExitAsync();
    }

    private static List<(string?, double)> Hits(CliResult result) =>
        [.. result.Json.GetProperty("results").EnumerateArray().Select(hit => (hit.GetProperty("paper_id").GetString(), hit.GetProperty("score").GetDouble()))];

    private static long CountPapers(string database) => Scalar(database, "SELECT COUNT(*) FROM papers");

    private static long CountPapersWithoutChunks(string database) =>
        Scalar(database, "SELECT COUNT(*) FROM papers p WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.paper_id = p.id)");

    private static long Scalar(string database, string sql)
    {
        if (!File.Exists(database)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // the tables are not created yet
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
