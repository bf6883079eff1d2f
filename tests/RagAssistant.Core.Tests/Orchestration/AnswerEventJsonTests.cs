using System.Text.Json;
using RagAssistant.Core.Orchestration.Events;

namespace RagAssistant.Core.Tests.Orchestration;

public sealed class AnswerEventJsonTests
{
    [Fact]
    public void Every_event_carries_its_type_first_and_reads_back_as_the_same_event()
    {
        AnswerEvent[] events =
        [
            new SourcesEvent("co2 transport", AnswerKind.Answer, [new AnswerSource(1, "p1", "Title", new DateOnly(2024, 11, 4), 3, "https://x", "Abstract.", 0.61)]),
            new TextDeltaEvent("Text [1]."),
            new CitationEvent(1, "p1", "Text.", true, "quoted from the abstract of [1]"),
            new DoneEvent("Text [1].", true, 1, 0, new AnswerTimings(12.5, 40, 55)),
            new ErrorEvent("The model could not be reached."),
        ];
        string[] types = ["sources", "text", "citation", "done", "error"];

        for (var i = 0; i < events.Length; i++)
        {
            var json = AnswerEventJson.Serialize(events[i]);
            Assert.StartsWith($"{{\"type\":\"{types[i]}\"", json);
            var back = AnswerEventJson.Deserialize(json);
            Assert.Equal(AnswerEventJson.Serialize(back!), json);
        }
    }

    [Fact]
    public void Property_names_are_snake_case_as_in_the_other_contracts()
    {
        var json = AnswerEventJson.Serialize(new SourcesEvent("q", AnswerKind.Summary, [new AnswerSource(1, "p1", "T", null, null, null, "A", 0.5)]));
        using var document = JsonDocument.Parse(json);
        var source = document.RootElement.GetProperty("sources")[0];
        Assert.Equal("p1", source.GetProperty("paper_id").GetString());
        Assert.Equal("summary", document.RootElement.GetProperty("kind").GetString());
        Assert.True(source.TryGetProperty("author_count", out _));
        Assert.Contains("\"first_text_ms\":", AnswerEventJson.Serialize(new DoneEvent("", false, 0, 0, new AnswerTimings(1, null, 2))));
    }
}
