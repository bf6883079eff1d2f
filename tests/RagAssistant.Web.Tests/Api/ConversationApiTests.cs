using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Conversations;
using RagAssistant.Contracts;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Api;

/// <summary>
/// Owned conversations through the real app on Kestrel (open, so these callers own by their address, 127.0.0.1):
/// REST follow-ups, reading and deleting, and another owner's conversation being "not found" on REST and the hub.
/// </summary>
public sealed class ConversationApiTests(SampleApp sample) : IClassFixture<SampleApp>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);
    private static readonly ConversationOwner SomeoneElse = ConversationOwner.User("someone-else");

    private readonly RagAppHost _app = sample.App;

    private HttpClient Http() => new() { BaseAddress = _app.BaseAddress };

    /// <summary>A conversation of another owner, kept as the page or the hub would have kept it.</summary>
    private async Task KeepTheirsAsync(string id)
    {
        var exchange = new ChatExchange("Their private question", AnswerKind.Answer, "Their answer.", [], [], ExchangeOutcome.Answered, null, DateTimeOffset.UnixEpoch);
        await _app.Services.GetRequiredService<IConversationStore>().AppendAsync(ChatTranscript.Start(id, SomeoneElse, exchange.Question, DateTimeOffset.UnixEpoch), exchange, null);
    }

    [Fact]
    public async Task A_rest_client_asks_a_follow_up_through_conversation_id_and_reads_both_turns_back()
    {
        using var http = Http();
        var id = "rest-" + Guid.NewGuid().ToString("N")[..8];

        using var first = await http.PostAsJsonAsync("/api/ask", new { question = "neural networks for atmospheric CO2 transport", conversation_id = id });
        using var followUp = await http.PostAsJsonAsync("/api/ask", new { question = "And which of those conserve mass?", conversation_id = id });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var answer = await followUp.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, answer.GetProperty("conversation_id").GetString());
        // The follow-up was read against the first question.
        Assert.Contains("CO2", answer.GetProperty("query").GetString());

        var conversation = await http.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}");
        var turns = conversation.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(["neural networks for atmospheric CO2 transport", "And which of those conserve mass?"], turns.Select(t => t.GetProperty("question").GetString()));
        Assert.Equal(answer.GetProperty("answer").GetString(), turns[1].GetProperty("answer").GetString());
        var firstAnswer = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            firstAnswer.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("paper_id").GetString()),
            turns[0].GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("paper_id").GetString()));
        Assert.NotEmpty(turns[0].GetProperty("citations").EnumerateArray());
        Assert.All(turns, turn => Assert.Equal("answered", turn.GetProperty("outcome").GetString()));

        var listed = await http.GetFromJsonAsync<JsonElement>("/api/conversations");
        var item = Assert.Single(listed.GetProperty("conversations").EnumerateArray(), c => c.GetProperty("conversation_id").GetString() == id);
        Assert.Equal(2, item.GetProperty("questions").GetInt32());

        using var deleted = await http.DeleteAsync($"/api/conversations/{id}");
        using var gone = await http.GetAsync($"/api/conversations/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_question_without_conversation_id_stays_on_its_own_and_a_bad_id_is_a_field_error()
    {
        using var http = Http();

        using var alone = await http.PostAsJsonAsync("/api/ask", new { question = "neural networks for atmospheric CO2 transport" });
        using var bad = await http.PostAsJsonAsync("/api/ask", new { question = "anything", conversation_id = "../../etc" });

        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        Assert.False((await alone.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("conversation_id", out _));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("conversation_id", out _));
    }

    [Fact]
    public async Task Another_owners_conversation_is_not_found_on_rest_and_not_listed()
    {
        var id = "theirs-" + Guid.NewGuid().ToString("N")[..8];
        await KeepTheirsAsync(id);
        using var http = Http();

        using var read = await http.GetAsync($"/api/conversations/{id}");
        using var delete = await http.DeleteAsync($"/api/conversations/{id}");
        var listed = await http.GetFromJsonAsync<JsonElement>("/api/conversations");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain("Their private question", await read.Content.ReadAsStringAsync());
        Assert.DoesNotContain(listed.GetProperty("conversations").EnumerateArray(), c => c.GetProperty("conversation_id").GetString() == id);
        Assert.NotNull(await _app.Services.GetRequiredService<ConversationService>().FindAsync(SomeoneElse, id));
    }

    [Fact]
    public async Task A_hub_client_naming_another_owners_id_asks_in_its_own_conversation_of_that_id()
    {
        var id = "shared-" + Guid.NewGuid().ToString("N")[..8];
        await KeepTheirsAsync(id);
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, ChatHub.Path)).Build();
        await connection.StartAsync();
        using var guard = new CancellationTokenSource(HangGuard);

        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in connection.StreamAsync<AnswerEvent>("Ask", id, "neural networks for atmospheric CO2 transport", null, guard.Token))
        {
            events.Add(answerEvent);
        }

        Assert.IsType<DoneEvent>(events[^1]);
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        var theirs = await conversations.FindAsync(SomeoneElse, id);
        Assert.Equal(["Their private question"], theirs!.Exchanges.Select(e => e.Question));
        var own = await conversations.FindAsync(ConversationOwner.Address("127.0.0.1"), id);
        Assert.Equal(["neural networks for atmospheric CO2 transport"], own!.Exchanges.Select(e => e.Question));
    }
}
