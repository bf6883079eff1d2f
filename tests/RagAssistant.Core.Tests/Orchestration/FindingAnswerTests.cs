using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using Xunit.Abstractions;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// Answers that answer: over the labelled questions of <c>eval/samples/finding-questions.jsonl</c>, the answer quotes a
/// sentence that states what was asked, and never a sentence that points back at one it does not quote.
/// </summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class FindingAnswerTests(SampleCorpusFixture corpus, ITestOutputHelper output)
{
    [Fact]
    public async Task Answers_quote_the_finding_or_method_the_question_asks_for_and_nothing_that_points_back_at_nothing()
    {
        await using var services = await corpus.ServicesAsync();
        var questions = FindingEvaluation.Load(Path.Combine(TestRepository.Root, "eval", "samples", "finding-questions.jsonl"));

        var report = await FindingEvaluation.RunAsync(
            services.GetRequiredService<SourceRetriever>(), services.GetRequiredService<IOptions<AssistantOptions>>(),
            services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), questions);

        foreach (var judged in report.Questions.Where(judged => !judged.After.FindingHit))
        {
            output.WriteLine($"missed: {judged.Question.Question}\n   first: {judged.After.Quotes.FirstOrDefault()}");
        }
        output.WriteLine($"{report.Count} questions; before: finding hit {report.Before.FindingHit:0.00}, dangling {report.Before.DanglingQuotes}; " +
            $"after: finding hit {report.After.FindingHit:0.00}, first-sentence hit {report.After.FirstHit:0.00}, dangling {report.After.DanglingQuotes}");
        Assert.True(questions.Count >= 30);
        Assert.True(report.After.FindingHit >= 0.75, $"finding hit {report.After.FindingHit:0.00}");
        Assert.Equal(0, report.After.DanglingQuotes);
    }

    [Fact]
    public async Task Every_sentence_of_an_indexed_paper_has_its_role()
    {
        await using var services = await corpus.ServicesAsync();
        var index = services.GetRequiredService<IPaperIndex>();
        var co2 = PaperIdentity.FromTitle("Atmospheric Transport Modeling of CO$_2$ with Neural Networks");

        var paper = Assert.Single(await index.GetSentencesAsync([co2]));

        Assert.All(paper.Sentences, sentence => Assert.NotNull(sentence.Role));
        Assert.Equal(SentenceRole.Result, paper.Sentences.Single(sentence => sentence.Text.Contains("SwinTransformer displays", StringComparison.Ordinal)).Role);
        Assert.Equal(SentenceRole.Background, paper.Sentences[0].Role);
    }
}
