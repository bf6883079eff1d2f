using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration;
using Xunit.Abstractions;

namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>The default, model-free path over the sample corpus, with the local encoder and with BM25 alone.</summary>
[Collection(SampleCorpusCollection.Name)]
public sealed class ExtractiveAnswerTests(SampleCorpusFixture corpus, ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, 0.95)]
    [InlineData(false, 0.90)]
    public async Task Single_paper_questions_cite_the_paper_that_answers_them(bool withEmbeddings, double required)
    {
        var orchestrator = await corpus.OrchestratorAsync(withEmbeddings);
        var misses = new List<string>();
        foreach (var (question, expected) in QuestionSet.SinglePaper)
        {
            var run = await AnswerRun.AskAsync(orchestrator, question);
            if (!run.CitedTitles.Contains(expected)) misses.Add($"{question} → cited {string.Join(" | ", run.CitedTitles)}");
        }

        var rate = 1 - (double)misses.Count / QuestionSet.SinglePaper.Count;
        output.WriteLine($"expected paper cited: {QuestionSet.SinglePaper.Count - misses.Count}/{QuestionSet.SinglePaper.Count} ({rate:P0}), embeddings: {withEmbeddings}");
        foreach (var miss in misses) output.WriteLine("  missed: " + miss);
        Assert.True(rate >= required, $"Expected paper cited for {rate:P0} of questions; misses:\n{string.Join("\n", misses)}");
    }

    [Theory]
    [InlineData(true, 0.70)]
    [InlineData(false, 0.70)]
    public async Task Most_papers_cited_for_a_topic_are_on_that_topic(bool withEmbeddings, double required)
    {
        var orchestrator = await corpus.OrchestratorAsync(withEmbeddings);
        var precisions = new List<double>();
        foreach (var (question, isRelevant) in QuestionSet.Topics)
        {
            var run = await AnswerRun.AskAsync(orchestrator, question);
            var cited = run.CitedTitles;
            Assert.NotEmpty(cited);
            precisions.Add((double)cited.Count(isRelevant) / cited.Count);
            output.WriteLine($"{precisions[^1]:P0} relevant of {cited.Count} cited: {question}");
            foreach (var title in cited) output.WriteLine($"   {(isRelevant(title) ? "+" : "-")} {title}");
        }
        output.WriteLine($"mean share of cited papers on topic: {precisions.Average():P0}, embeddings: {withEmbeddings}");
        Assert.True(precisions.Average() >= required, $"Only {precisions.Average():P0} of cited papers were on topic.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Off_topic_questions_get_no_citations_and_say_no_paper_covers_them(bool withEmbeddings)
    {
        var orchestrator = await corpus.OrchestratorAsync(withEmbeddings);
        foreach (var question in QuestionSet.OffTopic)
        {
            var run = await AnswerRun.AskAsync(orchestrator, question);
            Assert.Empty(run.Sources.Sources);
            Assert.Empty(run.Citations);
            Assert.Empty(run.MarkersInText);
            Assert.False(run.Done.Covered);
            Assert.Equal(AnswerOrchestrator.NotCoveredText(run.Sources.NearestPapers ?? []), run.Text);
        }
        output.WriteLine($"off-topic answered with no citations: {QuestionSet.OffTopic.Count}/{QuestionSet.OffTopic.Count}, embeddings: {withEmbeddings}");
    }

    [Fact]
    public async Task Events_come_in_contract_order_and_every_marker_is_a_checked_source()
    {
        var orchestrator = await corpus.OrchestratorAsync();
        var run = await AnswerRun.AskAsync(orchestrator, QuestionSet.SinglePaper[0].Question);

        Assert.IsType<SourcesEvent>(run.Events[0]);
        Assert.IsType<DoneEvent>(run.Events[^1]);
        Assert.All(run.Events.Skip(1).SkipLast(1), e => Assert.True(e is TextDeltaEvent or CitationEvent));
        Assert.IsType<TextDeltaEvent>(run.Events[1]);
        Assert.Equal(run.Text, run.Done.Answer);

        var numbers = run.Sources.Sources.Select(source => source.N).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.NotEmpty(run.MarkersInText);
        Assert.Subset(numbers.ToHashSet(), run.MarkersInText.ToHashSet());
        Assert.Equal(run.MarkersInText.ToHashSet(), run.Citations.Select(citation => citation.N).ToHashSet());
        // Extractive sentences are the abstracts' own, so every one is verified as a quotation.
        Assert.All(run.Citations, citation => Assert.True(citation.Verified, citation.Reason));
        Assert.All(run.Citations, citation => Assert.Equal(CitationVerdicts.Quoted, citation.Verdict));
        Assert.All(run.Citations, citation => Assert.StartsWith("quoted: word for word from the abstract", citation.Reason));
        Assert.Equal(0, run.Done.RemovedCitations);
        Assert.True(run.Done.Timings.FirstTextMs <= run.Done.Timings.TotalMs);
    }

    [Fact]
    public async Task Every_source_an_answer_lists_is_cited()
    {
        var orchestrator = await corpus.OrchestratorAsync();
        foreach (var (question, _) in QuestionSet.SinglePaper)
        {
            var run = await AnswerRun.AskAsync(orchestrator, question);
            if (!run.Done.Covered) continue;
            Assert.Equal(run.Sources.Sources.Select(source => source.N).ToHashSet(), run.MarkersInText.ToHashSet());
        }
    }

    [Fact]
    public async Task A_literature_summary_groups_papers_into_themes_and_ends_with_references()
    {
        var orchestrator = await corpus.OrchestratorAsync();
        var run = await AnswerRun.AskAsync(orchestrator, "Summarise what these papers say about neural architecture search");
        output.WriteLine(run.Text);

        Assert.Equal(AnswerKind.Summary, run.Sources.Kind);
        Assert.Equal("neural architecture search", run.Sources.Query);
        var answer = await AnswerRun.AskAsync(orchestrator, "Which papers automate neural architecture search?");
        Assert.True(run.Sources.Sources.Count > answer.Sources.Sources.Count, "A summary ranges over more papers than an answer.");
        Assert.Contains("**", run.Text);
        var references = run.Text[run.Text.IndexOf("References\n", StringComparison.Ordinal)..];
        foreach (var source in run.Sources.Sources) Assert.Contains($"[{source.N}] {source.Title}", references);
        Assert.All(run.Citations, citation => Assert.True(citation.Verified, citation.Reason));

        // Themes: 2–5 distinct bold labels (how they are named: SummaryThemeTests), and every bullet cited.
        var body = run.Text[..run.Text.IndexOf("References\n", StringComparison.Ordinal)];
        var labels = body.Split('\n').Where(line => line.StartsWith("**", StringComparison.Ordinal)).Select(line => line.Trim('*')).ToList();
        Assert.InRange(labels.Count, 2, 5);
        Assert.Equal(labels.Count, labels.Distinct().Count());
        var bullets = body.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.All(bullets, bullet => Assert.Matches(@"\[\d+\]", bullet));
        Assert.Equal(run.Sources.Sources.Select(source => source.N).ToHashSet(), run.Citations.Select(citation => citation.N).ToHashSet());
    }

    [Fact]
    public async Task Cancelling_stops_the_stream()
    {
        var orchestrator = await corpus.OrchestratorAsync();
        using var cancellation = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in orchestrator.AskAsync(new AnswerRequest(QuestionSet.SinglePaper[0].Question), cancellation.Token))
            {
                seen++;
                cancellation.Cancel();
            }
        });
        Assert.Equal(1, seen);
    }
}
