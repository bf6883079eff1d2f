using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Orchestration;
using RagAssistant.Contracts;
using static RagAssistant.Tests.ScriptedChatServer;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>The evidence step (<c>Chat:EvidenceStep</c>) through the real OpenAI connector against the scripted server.</summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class EvidenceStepTests(SampleCorpusFixture corpus)
{
    private static Dictionary<string, string?> WithEvidence(ScriptedChatServer server) => new()
    {
        ["Chat:Provider"] = "openai",
        ["Chat:Model"] = "scripted",
        ["Chat:Endpoint"] = server.Endpoint,
        ["Chat:EvidenceStep"] = "true",
        ["Chat:MinEvidenceScore"] = "6",
    };

    [Fact]
    public async Task Candidates_the_model_scores_under_the_minimum_are_dropped_before_writing()
    {
        IReadOnlyList<ToolResultPaper> candidates = [];
        await using var server = new ScriptedChatServer((n, request) =>
        {
            var papers = ToolResultPaper.Parse(request.Messages[^1].Content);
            if (n == 0)
            {
                candidates = papers;
                // The first candidate answers the question; every other one does not.
                return new Answer(string.Join("\n", papers.Select(paper => paper.N == 1 ? "1 | 9 | It automates the search for network architectures." : $"{paper.N} | 2 | Unrelated.")));
            }
            return new Answer($"{papers[0].Title} [1]. Another paper agrees [2].");
        });
        await using var services = await corpus.ServicesAsync(configure: WithEvidence(server));
        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers automate neural architecture search?");

        Assert.True(candidates.Count >= 2, $"{candidates.Count} candidates");
        Assert.Equal(2, server.Requests.Count);
        var kept = Assert.Single(run.Sources.Sources);
        Assert.Equal(candidates[0].Title, kept.Title);
        // The writer reads the kept paper with what the evidence step found it to say.
        Assert.Contains("Evidence for the question: It automates the search for network architectures.", server.Requests[1].Messages[^1].Content);
        Assert.DoesNotContain(candidates[1].Title, server.Requests[1].Messages[^1].Content);
        Assert.Equal(1, run.Done.RemovedCitations);
        Assert.Equal(new HashSet<int> { 1 }, run.MarkersInText.ToHashSet());
    }

    [Fact]
    public async Task A_reply_the_step_cannot_read_keeps_every_candidate()
    {
        await using var server = new ScriptedChatServer((n, request) =>
            n == 0 ? new Answer("All of these look relevant to me.")
            : new Answer($"{ToolResultPaper.Parse(request.Messages[^1].Content)[0].Title} [1]."));
        await using var services = await corpus.ServicesAsync(configure: WithEvidence(server));
        var plain = await AnswerRun.AskAsync(await corpus.OrchestratorAsync(), "Which papers emulate CO2 transport with neural nets?");

        var run = await AnswerRun.AskAsync(services.GetRequiredService<AnswerOrchestrator>(), "Which papers emulate CO2 transport with neural nets?");

        Assert.Equal(plain.Sources.Sources.Select(source => source.PaperId), run.Sources.Sources.Select(source => source.PaperId));
        Assert.True(run.Done.Covered);
    }
}
