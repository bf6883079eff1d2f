using Microsoft.Data.Sqlite;
using RagAssistant.Cli.Tests;
using RagAssistant.Reliability.Tests.Support;

namespace RagAssistant.Reliability.Tests.Faults;

/// <summary>
/// The data directory read-only, full, or not a directory at all, under the real `rag index`: a clear message naming
/// the directory, exit code 1, no stack trace, and an index that SQLite still finds intact with whole papers only.
/// </summary>
public sealed class DataDirectoryFaultTests(ITestOutputHelper output) : IDisposable
{
    private const int SamplePapers = 303;
    private const int SciFactPapers = 5183;

    private static readonly Dictionary<string, string> NoModel = new() { ["Embeddings__Provider"] = "none" };

    private readonly string _data = Directory.CreateTempSubdirectory("rag-datadir-").FullName;
    private readonly string _out = Directory.CreateTempSubdirectory("rag-datadir-out-").FullName;

    private static string SciFact => TestRepository.SciFactCorpus;

    private static string Sample => TestRepository.SamplePapers;

    [Fact]
    public async Task A_read_only_data_directory_is_named_in_a_clear_error_and_the_index_is_untouched()
    {
        Assert.Equal(0, (await RagProgram.RunAsync(["index", Sample, "--json", "--data-dir", _data], NoModel)).ExitCode);
        var before = await File.ReadAllBytesAsync(Path.Combine(_data, "index.db"));

        // A read-only bind mount of the data directory onto itself, seen only by this run.
        var run = ConfinedRun.InMountNamespace(RagProgram.StartInfo(["index", SciFact, "--json", "--data-dir", _data], NoModel),
            """mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@" """, _data);
        var (exitCode, _, error) = await ConfinedRun.RunAsync(run);
        output.WriteLine(error);

        Assert.Equal(1, exitCode);
        Assert.Contains($"the data directory {_data} is read-only", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(_data, "index.db")));
        Assert.Equal("ok", Scalar(_data, "PRAGMA integrity_check"));
        Assert.Equal((long)SamplePapers, Scalar(_data, "SELECT COUNT(*) FROM papers"));
    }

    [Fact]
    public async Task A_full_disk_stops_the_run_with_a_clear_error_keeps_whole_papers_and_the_next_run_completes()
    {
        Assert.Equal(0, (await RagProgram.RunAsync(["index", Sample, "--json", "--data-dir", _data], NoModel)).ExitCode);
        var seeded = new DirectoryInfo(_data).GetFiles().Sum(file => file.Length);
        var full = Directory.CreateTempSubdirectory("rag-datadir-full-").FullName;

        // A tmpfs with room for the sample papers and a little more, but not for SciFact; the files are copied out
        // afterwards, since the mount ends with the run.
        var size = (seeded / 1024) + 1024;
        var run = ConfinedRun.InMountNamespace(RagProgram.StartInfo(["index", SciFact, "--json", "--data-dir", full], NoModel),
            """
            seed="$1"; full="$2"; out="$3"; size="$4"; shift 4
            mount -t tmpfs -o size="$size"k tmpfs "$full" && cp "$seed"/index.db* "$full"/ || exit 99
            "$@"; echo $? > "$out/exit-code"
            cp "$full"/index.db* "$out"/
            """, _data, full, _out, size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (_, _, error) = await ConfinedRun.RunAsync(run);
        output.WriteLine(error);
        Directory.Delete(full);

        Assert.Equal("1", (await File.ReadAllTextAsync(Path.Combine(_out, "exit-code"))).Trim());
        Assert.Contains("is full; papers written before this batch are kept", error);
        Assert.Contains(full, error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("ok", Scalar(_out, "PRAGMA integrity_check"));
        var kept = (long)Scalar(_out, "SELECT COUNT(*) FROM papers");
        output.WriteLine($"{kept - SamplePapers} SciFact papers fitted before the disk was full");
        Assert.InRange(kept, SamplePapers, SamplePapers + SciFactPapers - 1);
        Assert.Equal(0L, Scalar(_out, "SELECT COUNT(*) FROM papers p WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.paper_id = p.id)"));

        // With room again, the next run completes what the full disk stopped.
        var rerun = await RagProgram.RunAsync(["index", SciFact, "--json", "--data-dir", _out], NoModel);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(SamplePapers + SciFactPapers - kept, rerun.Json.GetProperty("added").GetInt32());
        Assert.Equal((long)(SamplePapers + SciFactPapers), Scalar(_out, "SELECT COUNT(*) FROM papers"));
    }

    [Fact]
    public async Task A_file_where_the_data_directory_should_be_is_a_clear_error()
    {
        var notADirectory = Path.Combine(_data, "data");
        await File.WriteAllTextAsync(notADirectory, "not a folder");

        var result = await RagProgram.RunAsync(["index", Sample, "--json", "--data-dir", notADirectory], NoModel);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"The data directory {notADirectory} cannot be created or used", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal("not a folder", await File.ReadAllTextAsync(notADirectory));
    }

    private static object Scalar(string folder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "index.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_out, recursive: true);
    }
}
