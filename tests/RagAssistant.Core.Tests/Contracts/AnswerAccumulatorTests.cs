using RagAssistant.Contracts;

namespace RagAssistant.Core.Tests.Contracts;

public sealed class AnswerAccumulatorTests
{
    private static readonly AnswerSource First = new(1, "p1", "Neural CO2 transport", new DateOnly(2024, 11, 4), 3, "https://x/1", "Abstract one.", 0.612345);
    private static readonly AnswerSource Second = new(2, "p2", "Fracture dynamics", null, null, null, "Abstract two.", 0.5);

    [Fact]
    public void A_finished_answer_lists_every_cited_source_once_with_its_weakest_verdict()
    {
        var answer = Fold(
            new SourcesEvent("co2", AnswerKind.Answer, [First, Second]),
            new TextDeltaEvent("Emulators work [1]. "),
            new CitationEvent(1, "p1", "Emulators work.", true, "quoted", CitationVerdicts.Quoted),
            new TextDeltaEvent("They are fast [1]."),
            new CitationEvent(1, "p1", "They are fast.", true, "close", CitationVerdicts.Similar, 0.81),
            new DoneEvent("Emulators work [1]. They are fast [1].", true, 0, 0, new AnswerTimings(10.04, 20.06, 30.01)));

        var response = answer.ToResponse();

        var cited = Assert.Single(response.Citations);
        Assert.Equal((1, "p1", CitationVerdicts.Similar, true), (cited.N, cited.PaperId, cited.Verdict, cited.Verified));
        Assert.Equal(["p1", "p2"], response.Sources.Select(source => source.PaperId));
        Assert.Equal("2024-11-04", response.Sources[0].Date);
        Assert.Equal(0.6123, response.Sources[0].Relevance);
        Assert.Equal(new AnswerTimingsMs(10, 20.1, 30), response.TimingsMs);
        Assert.Equal("Emulators work [1]. They are fast [1].", answer.Text);
        Assert.Equal(["p1"], answer.CitedPaperIds);
        Assert.Equal("p1", answer.FirstCitedPaperId);
    }

    [Fact]
    public void Source_one_counts_as_first_cited_only_when_one_is_cited()
    {
        var answer = Fold(
            new SourcesEvent("q", AnswerKind.Answer, [First, Second]),
            new TextDeltaEvent("Only the second [2]."),
            new CitationEvent(2, "p2", "Only the second.", false, "not in the abstract"),
            new DoneEvent("Only the second [2].", true, 0, 1, new AnswerTimings(1, 2, 3)));

        Assert.Null(answer.FirstCitedPaperId);
        Assert.Equal(CitationVerdicts.Unsupported, Assert.Single(answer.ToResponse().Citations).Verdict);
    }

    [Fact]
    public void A_declined_answer_keeps_its_nearest_papers_and_cites_nothing()
    {
        var response = Fold(
            new SourcesEvent("gel electrophoresis protocol", AnswerKind.Answer, [], [new NearestPaper("p9", "Protein folding", 0.41)]),
            new TextDeltaEvent("No paper in the index covers this question."),
            new DoneEvent("No paper in the index covers this question.", false, 0, 0, new AnswerTimings(1, 1, 1))).ToResponse();

        Assert.False(response.Covered);
        Assert.Empty(response.Citations);
        Assert.Equal("p9", Assert.Single(response.NearestPapers!).PaperId);
    }

    [Fact]
    public void An_unfinished_answer_has_no_response_and_a_failed_one_says_why()
    {
        var stopped = Fold(new SourcesEvent("q", AnswerKind.Answer, [First]), new TextDeltaEvent("Half an"));
        Assert.False(stopped.IsFinished);
        Assert.Throws<InvalidOperationException>(stopped.ToResponse);

        stopped.Fail("The connection dropped.");
        Assert.True(stopped.IsFinished);
        Assert.Equal("The connection dropped.", stopped.Error!.Message);
    }

    [Fact]
    public async Task Reading_a_stream_stops_at_its_last_event()
    {
        var answer = await AnswerAccumulator.ReadAsync(Stream(
            new SourcesEvent("q", AnswerKind.Answer, [First]),
            new ErrorEvent("Qdrant is unreachable.", ServiceUnreachable: true),
            new TextDeltaEvent("never read")));

        Assert.True(answer.Error!.ServiceUnreachable);
        Assert.Equal("", answer.Text);
    }

    private static AnswerAccumulator Fold(params AnswerEvent[] events)
    {
        var answer = new AnswerAccumulator();
        foreach (var answerEvent in events) answer.Add(answerEvent);
        return answer;
    }

    private static async IAsyncEnumerable<AnswerEvent> Stream(params AnswerEvent[] events)
    {
        foreach (var answerEvent in events)
        {
            await Task.Yield();
            yield return answerEvent;
        }
    }
}
