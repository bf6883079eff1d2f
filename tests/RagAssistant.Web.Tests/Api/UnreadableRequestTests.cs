using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RagAssistant.Contracts;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Api;

/// <summary>
/// Requests the endpoints cannot even be called with — malformed JSON, wrong types, impossible dates, unknown kinds —
/// answered 400 with a problem whose <c>errors</c> name the field, as the API documents; and the hub refuses the answer
/// options REST refuses, in the same words.
/// </summary>
public sealed class UnreadableRequestTests(SampleApp sample) : IClassFixture<SampleApp>
{
    [Theory]
    [InlineData("""{"question":"neural networks","from":"2024-13-45"}""", "from", "from must be a date as yyyy-mm-dd.")]
    [InlineData("""{"question":"neural networks","to":"yesterday"}""", "to", "to must be a date as yyyy-mm-dd.")]
    [InlineData("""{"question":5}""", "question", "question must be text (a JSON string of well-formed Unicode).")]
    [InlineData("""{"question":"neural networks","kind":"essay"}""", "kind", "kind must be one of answer, summary.")]
    [InlineData("""{"question":"neural networks","kind":99}""", "kind", "kind must be one of answer, summary.")]
    [InlineData("""{"question":"neural networks","conversation_id":["a"]}""", "conversation_id", "conversation_id must be text (a JSON string of well-formed Unicode).")]
    [InlineData("""{"question":"\ud800 half a pair"}""", "question", "question must be text (a JSON string of well-formed Unicode).")]
    [InlineData("""{"question":"neural networks",""", "body", "The body is not valid JSON:")]
    [InlineData("", "body", "The body is missing: send a JSON object.")]
    public async Task An_unreadable_ask_is_400_naming_the_field(string body, string field, string message)
    {
        using var http = new HttpClient { BaseAddress = sample.App.BaseAddress };
        foreach (var path in new[] { "/api/ask", "/api/ask/stream" })
        {
            using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.StartsWith(message, Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString());
        }
    }

    [Theory]
    [InlineData("top=ten", "top", "top must be a whole number.")]
    [InlineData("from=2024-02-30", "from", "from must be a date as yyyy-mm-dd.")]
    [InlineData("to=31.12.2024", "to", "to must be a date as yyyy-mm-dd.")]
    public async Task An_unreadable_search_parameter_is_400_naming_it(string parameter, string field, string message)
    {
        using var http = new HttpClient { BaseAddress = sample.App.BaseAddress };

        using var response = await http.GetAsync($"/api/search?q=neural+networks&{parameter}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(message, Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString());
    }

    [Fact]
    public async Task The_hub_refuses_the_answer_options_rest_refuses_in_the_same_words()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(sample.App.BaseAddress, ChatHub.Path)).Build();
        await hub.StartAsync();

        var unknownKind = await Assert.ThrowsAsync<HubException>(() => AskAsync(hub, new ChatAskOptions(Kind: (AnswerKind)99)));
        var backwards = await Assert.ThrowsAsync<HubException>(() => AskAsync(hub, new ChatAskOptions(From: new DateOnly(2025, 1, 2), To: new DateOnly(2025, 1, 1))));

        Assert.Contains("kind must be one of answer, summary.", unknownKind.Message);
        Assert.Contains("from is after to.", backwards.Message);
        // The connection stays usable.
        Assert.IsType<DoneEvent>((await AskAsync(hub, null))[^1]);
    }

    private static async Task<List<AnswerEvent>> AskAsync(HubConnection hub, ChatAskOptions? options)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in hub.StreamAsync<AnswerEvent>("Ask", Guid.NewGuid().ToString("N"), "neural networks for atmospheric CO2 transport", options, guard.Token))
        {
            events.Add(answerEvent);
        }
        return events;
    }
}
