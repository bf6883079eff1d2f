using System.Text.Json;
using RagAssistant.Contracts;

namespace RagAssistant.Core.Tests.Contracts;

public sealed class WireJsonTests
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
            var json = WireJson.Serialize(events[i]);
            Assert.StartsWith($"{{\"type\":\"{types[i]}\"", json);
            var back = WireJson.DeserializeEvent(json);
            Assert.Equal(WireJson.Serialize(back!), json);
        }
    }

    [Fact]
    public void Property_names_are_snake_case_as_in_the_other_contracts()
    {
        var json = WireJson.Serialize(new SourcesEvent("q", AnswerKind.Summary, [new AnswerSource(1, "p1", "T", null, null, null, "A", 0.5)]));
        using var document = JsonDocument.Parse(json);
        var source = document.RootElement.GetProperty("sources")[0];
        Assert.Equal("p1", source.GetProperty("paper_id").GetString());
        Assert.Equal("summary", document.RootElement.GetProperty("kind").GetString());
        Assert.True(source.TryGetProperty("author_count", out _));
        Assert.Contains("\"first_text_ms\":", WireJson.Serialize(new DoneEvent("", false, 0, 0, new AnswerTimings(1, null, 2))));
    }

    [Fact]
    public void An_event_type_a_reader_does_not_know_reads_as_a_plain_event_so_older_clients_keep_working()
    {
        var unknown = WireJson.DeserializeEvent("{\"type\":\"progress\",\"step\":\"searching\"}");

        Assert.NotNull(unknown);
        Assert.Equal(typeof(AnswerEvent), unknown.GetType());
    }

    [Fact]
    public void Any_serializer_writes_the_wire_names_not_only_ours()
    {
        // SignalR's and MCP's serializers use camelCase by default; the contract's own names must win.
        var json = JsonSerializer.Serialize(new CitationEvent(2, "p2", "S.", false, "r", CitationVerdicts.Unsupported), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Contains("\"paper_id\":\"p2\"", json);
        Assert.DoesNotContain("paperId", json);
    }
}
