using System.Text.Json;
using RagAssistant.Client.Chat;
using RagAssistant.Client.Models;
using RagAssistant.Web.Security;

namespace RagAssistant.Client.Tests;

/// <summary>The small pure pieces: hub payload naming and the key comparison.</summary>
public sealed class HubPayloadTests
{
    [Theory]
    [InlineData("""{"type":"citation","n":2,"paper_id":"hf-1","sentence":"S.","verified":true,"reason":"R"}""")]
    [InlineData("""{"type":"citation","n":2,"paperId":"hf-1","sentence":"S.","verified":true,"reason":"R"}""")]
    public void A_hub_event_reads_the_same_in_snake_case_and_camel_case(string json)
    {
        var answerEvent = HubPayload.ToAnswerEvent(JsonDocument.Parse(json).RootElement);

        Assert.Equal(new CitationEvent(2, "hf-1", "S.", true, "R"), answerEvent);
    }

    [Fact]
    public void Nested_names_are_read_too_and_an_unknown_event_type_is_a_plain_event()
    {
        var sources = HubPayload.ToAnswerEvent(JsonDocument.Parse(
            """{"type":"sources","query":"q","kind":"summary","sources":[{"n":1,"paperId":"hf-1","title":"T","date":"2024-08-20","authorCount":6,"url":null,"abstract":"A","relevance":0.5}]}""").RootElement);
        var unknown = HubPayload.ToAnswerEvent(JsonDocument.Parse("""{"type":"progress","percent":50}""").RootElement);

        var source = Assert.Single(Assert.IsType<SourcesEvent>(sources).Sources);
        Assert.Equal(("hf-1", 6, new DateOnly(2024, 8, 20)), (source.PaperId, source.AuthorCount, source.Date));
        Assert.Equal(typeof(AnswerEvent), unknown?.GetType());
    }

    [Theory]
    [InlineData("s3cret", "s3cret", true)]
    [InlineData("s3cret", "s3cre", false)]
    [InlineData("s3cret", "s3cret ", false)]
    [InlineData("s3cret", "S3CRET", false)]
    [InlineData("s3cret", null, false)]
    public void The_key_must_match_exactly(string expected, string? presented, bool matches) =>
        Assert.Equal(matches, ApiKeyAuthenticationHandler.Matches(presented, expected));
}
