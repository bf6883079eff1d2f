using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Orchestration;
using Xunit.Abstractions;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// The questions of <c>eval/unanswerable.jsonl</c>, which no sample paper answers, asked over the sample corpus with
/// the real model: every one must be declined with "no paper in the index covers this", cite nothing, and offer the
/// nearest papers as leads.
/// </summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class UnanswerableQuestionTests(SampleCorpusFixture corpus, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_unanswerable_question_is_declined_with_no_citation()
    {
        var questions = QuestionFile.Load(Path.Combine(TestRepository.Root, "eval", "unanswerable.jsonl"));
        Assert.True(questions.Count >= 20, $"only {questions.Count} unanswerable questions");
        var orchestrator = await corpus.OrchestratorAsync();
        var answered = new List<string>();
        foreach (var question in questions)
        {
            var run = await AnswerRun.AskAsync(orchestrator, question);
            Assert.Empty(run.MarkersInText);
            if (run.Done.Covered || run.Citations.Count > 0)
            {
                answered.Add($"{question} → {string.Join(" | ", run.Sources.Sources.Select(source => $"{source.Title} ({source.Relevance:F2})"))}");
                continue;
            }
            Assert.StartsWith(AnswerOrchestrator.NotCoveredAnswer, run.Text);
            Assert.NotEmpty(run.Sources.NearestPapers!);
            output.WriteLine($"declined: {question} (nearest {run.Sources.NearestPapers![0].Title}, {run.Sources.NearestPapers[0].Relevance:F2})");
        }
        Assert.True(answered.Count == 0, $"{answered.Count} of {questions.Count} were answered:\n{string.Join("\n", answered)}");
    }
}
