using System.Globalization;
using System.Text.Json;
using RagAssistant.Contracts;

namespace RagAssistant.Cli.Tests;

/// <summary>
/// <c>rag ask</c> as the README shows it: with <c>--json</c> its standard output is one JSON object and nothing else, every
/// <c>[n]</c> of the answer among its citations; with <c>--conversation</c> the exchange is kept in the data directory and
/// a follow-up is read against it.
/// </summary>
public sealed class AskCommandTests : IAsyncLifetime
{
    private const string Question = "Which neural networks emulate atmospheric CO2 transport?";
    private readonly string _data = Directory.CreateTempSubdirectory("rag-cli-ask-").FullName;

    public async Task InitializeAsync() =>
        Assert.Equal(0, (await RagCli.RunAsync(["index", TestRepository.SamplePapers, "--data-dir", _data], IndexCommandTests.Environment())).ExitCode);

    [Fact]
    public async Task Ask_json_prints_one_json_object_whose_markers_are_all_cited()
    {
        var result = await AskAsync(Question, "--json");

        Assert.Equal(0, result.ExitCode);
        using var output = JsonDocument.Parse(result.Output); // the whole of standard output, not its last line
        var answer = output.RootElement;
        Assert.True(answer.GetProperty("covered").GetBoolean());
        var cited = answer.GetProperty("citations").EnumerateArray().Select(citation => citation.GetProperty("n").GetInt32()).ToHashSet();
        Assert.NotEmpty(cited);
        var markers = CitationMarkers.Single().Matches(answer.GetProperty("answer").GetString()!)
            .Select(marker => int.Parse(marker.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
        Assert.NotEmpty(markers);
        Assert.Subset(cited, markers);
    }

    [Fact]
    public async Task A_conversation_keeps_its_questions_and_reads_a_follow_up_against_them()
    {
        var first = await AskAsync(Question, "--conversation", "co2-chat", "--json");
        var followUp = await AskAsync("and which of those conserve mass?", "--conversation", "co2-chat", "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, followUp.ExitCode);
        // The follow-up alone names no subject; its query carries the first question's.
        var query = JsonDocument.Parse(followUp.Output).RootElement.GetProperty("query").GetString()!;
        Assert.Contains("CO2", query, StringComparison.OrdinalIgnoreCase);
        var kept = string.Join("\n", Directory.GetFiles(Path.Combine(_data, "conversations"), "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains(Question, kept, StringComparison.Ordinal);
        Assert.Contains("and which of those conserve mass?", kept, StringComparison.Ordinal);
    }

    private Task<CliResult> AskAsync(string question, params string[] options) =>
        RagCli.RunAsync(["ask", question, .. options, "--data-dir", _data], IndexCommandTests.Environment());

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }
}
