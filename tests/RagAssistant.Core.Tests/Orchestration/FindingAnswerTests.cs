using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Citations;
using RagAssistant.Core.Orchestration.Sources;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using Xunit.Abstractions;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// Answers that answer: over the labelled questions of <c>eval/samples/finding-questions.jsonl</c>, the answer quotes a
/// sentence that states what was asked, and never a sentence that points back at one it does not quote.
/// </summary>
[Collection(SampleCorpusCollection.Name)]
public sealed partial class FindingAnswerTests(SampleCorpusFixture corpus, ITestOutputHelper output)
{
    // One quoted sentence of an extractive answer and the source it cites: "… mass balance [1]."
    [GeneratedRegex(@"(?<text>[^\[\n]+?)\s*\[(?<n>\d+)\](?<end>[.!?])")]
    private static partial Regex Quote();

    [Fact]
    public async Task A_which_is_best_question_opens_with_the_sentence_that_names_the_winner()
    {
        var orchestrator = await corpus.OrchestratorAsync();

        var run = await AnswerRun.AskAsync(orchestrator, "Which architecture worked best for emulating CO2 transport?");

        output.WriteLine(run.Text);
        var (first, n) = Quotes(run)[0];
        Assert.Contains("SwinTransformer displays particularly strong emulation skill", first);
        Assert.Contains("CO$_2$", run.Sources.Sources.Single(source => source.N == n).Title);
    }

    [Theory]
    [InlineData("How much faster does Facet train foundation models for ML potentials?", "Facet")]
    [InlineData("Why do frequent surrogate model updates make freeze-thaw Bayesian optimization hard?", "Freeze-Thaw")]
    [InlineData("What does the analysis of neural network score estimation in diffusion models establish?", "Score Estimation")]
    public async Task A_sentence_that_points_back_is_quoted_only_right_after_the_sentence_it_points_at(string question, string paper)
    {
        var orchestrator = await corpus.OrchestratorAsync();

        var run = await AnswerRun.AskAsync(orchestrator, question);

        output.WriteLine(run.Text);
        Assert.Contains(run.CitedTitles, title => title.Contains(paper, StringComparison.Ordinal));
        var quotes = Quotes(run);
        for (var i = 0; i < quotes.Count; i++)
        {
            if (!UnresolvedReference.Opens(quotes[i].Text)) continue;
            Assert.True(i > 0 && quotes[i - 1].N == quotes[i].N, $"\"{quotes[i].Text}\" opens the paper's quotes but points back");
            var abstractText = WordText.Normalise(run.Sources.Sources.Single(source => source.N == quotes[i].N).Abstract);
            Assert.Contains($"{WordText.Normalise(quotes[i - 1].Text)} {WordText.Normalise(quotes[i].Text)}", abstractText);
        }
    }

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

    private static List<(string Text, int N)> Quotes(AnswerRun run) =>
        [.. Quote().Matches(run.Text).Select(match => (match.Groups["text"].Value.Trim() + match.Groups["end"].Value, int.Parse(match.Groups["n"].Value)))];
}
