using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Retrieval;
using RagAssistant.Contracts;
using static RagAssistant.Tests.ScriptedChatServer;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// Agent mode through Semantic Kernel's real OpenAI connector, against a scripted OpenAI-compatible server on loopback
/// that calls the paper tools in the wire format (streamed <c>tool_calls</c> deltas) and then answers.
/// </summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class AgentModeTests(SampleCorpusFixture corpus)
{
    private const string Search = "papers-search_papers";
    private const string GetPaper = "papers-get_paper";

    private static Dictionary<string, string?> Agent(ScriptedChatServer server, int maxToolCalls = 6) => new()
    {
        ["Chat:Provider"] = "openai",
        ["Chat:Mode"] = "agent",
        ["Chat:Model"] = "scripted",
        ["Chat:Endpoint"] = server.Endpoint,
        ["Chat:MaxToolCalls"] = maxToolCalls.ToString(),
    };

    private static ToolCall SearchFor(string query) => new(Search, JsonSerializer.Serialize(new { query }));

    [Fact]
    public async Task A_model_that_searches_twice_and_reads_one_paper_cites_exactly_those_papers()
    {
        ToolResultPaper? climate = null, seismic = null;
        await using var server = new ScriptedChatServer((n, request) =>
        {
            switch (n)
            {
                case 0: return new ToolCalls(SearchFor("neural network emulators of atmospheric CO2 transport"));
                case 1:
                    climate = ToolResultPaper.Parse(request.ToolResults[^1])[0];
                    return new ToolCalls(SearchFor("deep learning seismic phase picking"));
                case 2:
                    seismic = ToolResultPaper.Parse(request.ToolResults[^1]).First(paper => paper.Title.StartsWith("PhaseNet"));
                    return new ToolCalls(new ToolCall(GetPaper, JsonSerializer.Serialize(new { paper_id = seismic.PaperId })));
                default:
                    var read = ToolResultPaper.Parse(request.ToolResults[^1])[0];
                    return new Answer($"{climate!.Title} [{climate.N}]. {read.FirstSentence} [{read.N}].");
            }
        });
        await using var services = await corpus.ServicesAsync(configure: Agent(server));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(),
            "Which neural networks emulate CO2 transport, and which pick seismic arrival times?");

        Assert.Equal(4, server.Requests.Count);
        Assert.All(server.Requests, request => Assert.True(request.OffersTools));
        // Sources come first (none yet), then grow as each search finds papers; the last one has them all, numbers unchanged.
        var updates = run.Events.OfType<SourcesEvent>().ToList();
        Assert.IsType<SourcesEvent>(run.Events[0]);
        Assert.Empty(updates[0].Sources);
        Assert.True(updates.Count >= 3, $"{updates.Count} sources events");
        Assert.All(updates.Zip(updates.Skip(1)), pair => Assert.Equal(pair.First.Sources, pair.Second.Sources.Take(pair.First.Sources.Count)));
        var events = run.Events.ToList();
        Assert.True(events.IndexOf(updates[^1]) < events.FindIndex(answerEvent => answerEvent is TextDeltaEvent));

        var sources = updates[^1].Sources;
        Assert.Equal(climate!.Title, sources.Single(source => source.N == climate.N).Title);
        Assert.Equal(seismic!.PaperId, sources.Single(source => source.N == seismic.N).PaperId);
        Assert.Equal(new HashSet<int> { climate.N, seismic.N }, run.MarkersInText.ToHashSet());
        Assert.Equal(
            new HashSet<string> { sources.Single(source => source.N == climate.N).PaperId, seismic.PaperId! },
            run.Citations.Select(citation => citation.PaperId).ToHashSet());
        Assert.All(run.Citations, citation => Assert.True(citation.Verified, citation.Reason));
        Assert.Equal(0, run.Done.RemovedCitations);
        Assert.True(run.Done.Covered);
        Assert.Equal(run.Text, run.Done.Answer);
    }

    [Fact]
    public async Task A_citation_of_a_paper_no_tool_returned_is_removed_and_counted()
    {
        ToolResultPaper? first = null;
        int found = 0;
        await using var server = new ScriptedChatServer((n, request) =>
        {
            if (n == 0) return new ToolCalls(SearchFor("neural architecture search"));
            var papers = ToolResultPaper.Parse(request.ToolResults[^1]);
            (first, found) = (papers[0], papers.Count);
            return new Answer($"{first.Title} [{first.N}]. It also cures the common cold [{found + 4}].");
        });
        await using var services = await corpus.ServicesAsync(configure: Agent(server));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers automate neural architecture search?");

        Assert.Equal(found, run.Events.OfType<SourcesEvent>().Last().Sources.Count);
        Assert.DoesNotContain($"[{found + 4}]", run.Text);
        Assert.Equal(new HashSet<int> { first!.N }, run.MarkersInText.ToHashSet());
        Assert.DoesNotContain(run.Citations, citation => citation.N > found);
        Assert.Equal(1, run.Done.RemovedCitations);
    }

    [Fact]
    public async Task A_model_that_keeps_calling_tools_is_stopped_at_the_limit_and_the_answer_is_written_from_what_it_found()
    {
        await using var server = new ScriptedChatServer((n, request) =>
        {
            if (request.OffersTools) return new ToolCalls(SearchFor($"CO2 transport emulator, attempt {n + 1}"));
            // Without tools on offer, the single-shot prompt: its sources block numbers what the searches found.
            var first = ToolResultPaper.Parse(request.Messages[^1].Content)[0];
            return new Answer($"{first.Title} [{first.N}].");
        });
        await using var services = await corpus.ServicesAsync(configure: Agent(server, maxToolCalls: 3));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers emulate CO2 transport with neural nets?");

        // Three searches ran; the fourth call was refused, and one more request, without tools, wrote the answer.
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal([true, true, true, true, false], server.Requests.Select(request => request.OffersTools));
        var lines = run.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("*Stopped searching at the limit of 3 tool calls;", lines[0]);
        Assert.Single(lines, line => line.Contains("Stopped searching"));
        Assert.Contains("[1]", lines[1]);
        Assert.Single(run.Citations);
        Assert.True(run.Citations[0].Verified, run.Citations[0].Reason);
        Assert.True(run.Done.Covered);
    }

    [Fact]
    public async Task Tool_call_arguments_that_are_not_json_end_the_answer_with_a_clear_error_and_the_next_question_is_answered()
    {
        await using var server = new ScriptedChatServer((n, request) =>
            n == 0 ? new ToolCalls(new ToolCall(Search, "{\"query\": \"CO2 transport")) // cut off mid-string
            : request.OffersTools && request.ToolResults.Count == 0 ? new ToolCalls(SearchFor("CO2 transport"))
            : new Answer($"{ToolResultPaper.Parse(request.ToolResults[^1])[0].Title} [1]."));
        await using var services = await corpus.ServicesAsync(configure: Agent(server));
        var orchestrator = services.GetRequiredService<AnswerOrchestrator>();

        var broken = await AnswerRun.AskAsync(orchestrator, "Which papers emulate CO2 transport with neural nets?");
        var error = Assert.IsType<ErrorEvent>(broken.Events[^1]);
        Assert.Contains("search_papers", error.Message);
        Assert.Contains("not valid JSON", error.Message);
        Assert.False(error.ServiceUnreachable);
        Assert.Empty(broken.Events.OfType<TextDeltaEvent>());
        Assert.Single(server.Requests); // the broken call never went back to the model

        var next = await AnswerRun.AskAsync(orchestrator, "Which papers emulate CO2 transport with neural nets?");
        Assert.True(next.Done.Covered);
        Assert.Single(next.Citations);
    }

    [Fact]
    public async Task A_real_papers_title_no_tool_returned_is_removed_and_counted_while_a_found_title_and_a_quoted_phrase_stand()
    {
        IReadOnlyList<SearchHit> co2 = [];
        ToolResultPaper? read = null;
        string? elsewhere = null, phrase = null;
        await using var server = new ScriptedChatServer((n, request) =>
        {
            switch (n)
            {
                case 0: return new ToolCalls(SearchFor("deep learning seismic phase picking"));
                case 1:
                    var found = ToolResultPaper.Parse(request.ToolResults[^1]);
                    // A paper of the index this search did not return: the model "remembers" it from elsewhere.
                    elsewhere = co2.First(hit => found.All(paper => paper.PaperId != hit.Paper.Id)).Paper.Title;
                    return new ToolCalls(new ToolCall(GetPaper, JsonSerializer.Serialize(new { paper_id = found[0].PaperId })));
                default:
                    read = ToolResultPaper.Parse(request.ToolResults[^1])[0];
                    phrase = PlainPhrase(read.Text, words: 5);
                    return new Answer($"\"{read.Title}\" [{read.N}] reports \"{phrase}\" [{read.N}]. A similar network appears in \"{elsewhere}\".");
            }
        });
        await using var services = await corpus.ServicesAsync(configure: Agent(server));
        co2 = await services.GetRequiredService<PaperSearch>().SearchAsync("neural network emulators of atmospheric CO2 transport", top: 5);
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which deep networks pick seismic phases?");

        Assert.DoesNotContain(run.Events.OfType<SourcesEvent>().Last().Sources, source => source.Title == elsewhere);
        Assert.Contains($"\"{read!.Title}\" [{read.N}] reports \"{phrase}\" [{read.N}].", run.Text);
        Assert.DoesNotContain(elsewhere!, run.Text);
        Assert.EndsWith($"A similar network appears in {SourceWording.Removed}.", run.Text);
        Assert.Equal(1, run.Done.RemovedCitations);
        Assert.Equal(run.Text, run.Done.Answer);
    }

    [Fact]
    public async Task An_invented_title_is_removed_and_counted_and_the_rest_of_the_answer_stands()
    {
        await using var server = new ScriptedChatServer((n, request) =>
        {
            if (n == 0) return new ToolCalls(SearchFor("deep learning seismic phase picking"));
            var first = ToolResultPaper.Parse(request.ToolResults[^1])[0];
            return new Answer($"{first.Title} [{first.N}]. It builds on *Deep Seismic Oracles for Every Station* from the same group.");
        });
        await using var services = await corpus.ServicesAsync(configure: Agent(server));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which deep networks pick seismic phases?");

        Assert.DoesNotContain("Oracles", run.Text);
        Assert.EndsWith($"It builds on {SourceWording.Removed} from the same group.", run.Text);
        Assert.Equal(1, run.Done.RemovedCitations);
        var citation = Assert.Single(run.Citations);
        Assert.True(citation.Verified, citation.Reason);
    }

    /// <summary>Words of the text as a model would quote them: the first run of plain words (letters and hyphens only), after the first word.</summary>
    private static string PlainPhrase(string text, int words)
    {
        var all = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i + words <= all.Length; i++)
        {
            var run = all.Skip(i).Take(words).ToList();
            if (run.All(word => word.All(c => char.IsLetter(c) || c == '-'))) return string.Join(' ', run);
        }
        throw new InvalidOperationException($"No run of {words} plain words in: {text}");
    }
}
