using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Contracts;
using RagAssistant.Reliability.Tests.Support;
using RagAssistant.Web.Tests.Hosting;
using static RagAssistant.Tests.ScriptedChatServer;

namespace RagAssistant.Reliability.Tests.Faults;

/// <summary>
/// The language model slow or failing, through Semantic Kernel's real OpenAI connector against a scripted
/// OpenAI-compatible endpoint on 127.0.0.1, in the real app: each attempt times out or fails, is retried with a growing
/// wait, and then the answer says so in one line and answers from the abstracts (the extractive writer) instead.
/// BM25 only (Embeddings:Provider=none): the embedding model is not the subject.
/// </summary>
public sealed class LanguageModelFaultTests(ITestOutputHelper output)
{
    private const string Question = "neural networks for atmospheric CO2 transport";
    private const string Notice = "*The language model did not answer (";

    [Fact]
    public async Task A_silent_model_times_out_is_retried_with_backoff_then_the_answer_says_so_and_quotes_the_abstracts()
    {
        await using var model = new ScriptedChatServer(_ => new Silence(TimeSpan.FromMinutes(1)));
        var logs = new CapturedLogs();
        await using var app = await StartAsync(model, logs);

        var answer = await AskAsync(app);

        Assert.StartsWith($"{Notice}no text within 0.5 s; 3 attempts), so this answer quotes the abstracts instead.*", answer.GetProperty("answer").GetString());
        AssertExtractiveFallback(answer);
        Assert.Equal(3, model.Requests.Count);
        // The waits between attempts double from Chat:RetryDelay (as computed and logged, not as timed here).
        Assert.Contains(logs.Records, record => record.Contains("attempt 2 of 3 in 100 ms", StringComparison.Ordinal));
        Assert.Contains(logs.Records, record => record.Contains("attempt 3 of 3 in 200 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_failing_with_500_is_retried_and_its_answer_is_used_once_it_recovers()
    {
        await using var model = new ScriptedChatServer(n => n < 2
            ? new Fail(HttpStatusCode.InternalServerError)
            : new Answer("Neural network emulators learn atmospheric CO2 transport [1]."));
        // Failures come back at once, so a long timeout costs nothing; it only has to let the recovered answer through while
        // other test classes of this assembly load models and index beside it (5 s once ran out in CI).
        await using var app = await StartAsync(model, settings: new() { ["Chat:Timeout"] = "00:00:30" });

        var answer = await AskAsync(app);

        Assert.Equal("Neural network emulators learn atmospheric CO2 transport [1].", answer.GetProperty("answer").GetString());
        Assert.Equal(3, model.Requests.Count);
    }

    [Fact]
    public async Task A_model_that_keeps_failing_ends_in_the_extractive_answer_with_the_reason()
    {
        await using var model = new ScriptedChatServer(_ => new Fail(HttpStatusCode.ServiceUnavailable));
        await using var app = await StartAsync(model);

        var answer = await AskAsync(app);

        Assert.StartsWith($"{Notice}the endpoint answered HTTP 503; 3 attempts)", answer.GetProperty("answer").GetString());
        AssertExtractiveFallback(answer);
        Assert.Equal(3, model.Requests.Count);
    }

    [Fact]
    public async Task A_refused_key_is_not_retried_and_still_gets_the_extractive_answer()
    {
        await using var model = new ScriptedChatServer(_ => new Fail(HttpStatusCode.Unauthorized));
        await using var app = await StartAsync(model);

        var answer = await AskAsync(app);

        Assert.StartsWith($"{Notice}the endpoint answered HTTP 401; 1 attempt)", answer.GetProperty("answer").GetString());
        AssertExtractiveFallback(answer);
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task With_the_fallback_off_a_failing_model_is_a_clear_503()
    {
        await using var model = new ScriptedChatServer(_ => new Fail(HttpStatusCode.InternalServerError));
        await using var app = await StartAsync(model, settings: new() { ["Chat:FallbackToExtractive"] = "false" });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var response = await http.PostAsJsonAsync("/api/ask", new { question = Question });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A required service is unreachable", problem.GetProperty("title").GetString());
        Assert.Contains("500", problem.GetProperty("detail").GetString());
        Assert.Equal(3, model.Requests.Count);
    }

    [Fact]
    public async Task In_the_hub_stream_a_silent_model_gives_the_notice_then_an_answer_and_a_follow_up_still_works()
    {
        await using var model = new ScriptedChatServer(_ => new Silence(TimeSpan.FromMinutes(1)));
        await using var app = await StartAsync(model);
        await using var hub = await HubClient.ConnectAsync(app.BaseAddress);

        var first = await HubClient.AskAsync(hub, "slow-model", Question);
        // A follow-up first asks the model to condense it: that fails too, and the rule-based condenser takes over.
        var followUp = await HubClient.AskAsync(hub, "slow-model", "which of them conserve mass?");

        foreach (var events in new[] { first, followUp })
        {
            Assert.IsType<SourcesEvent>(events[0]);
            var done = Assert.IsType<DoneEvent>(events[^1]);
            Assert.StartsWith(Notice, done.Answer);
            Assert.StartsWith(Notice, Assert.IsType<TextDeltaEvent>(events[1]).Text);
            Assert.Contains(events, e => e is CitationEvent { Verified: true });
        }
        // 3 attempts for the first answer; for the follow-up 1 condensing call (no retry) and 3 attempts.
        Assert.Equal(7, model.Requests.Count);
    }

    private static void AssertExtractiveFallback(JsonElement answer)
    {
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, citation => Assert.True(citation.GetProperty("verified").GetBoolean()));
        Assert.True(answer.GetProperty("covered").GetBoolean());
    }

    private async Task<JsonElement> AskAsync(RagAppHost app)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = HubClient.HangGuard };
        using var response = await http.PostAsJsonAsync("/api/ask", new { question = Question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        output.WriteLine(answer.GetProperty("answer").GetString());
        return answer;
    }

    private static async Task<RagAppHost> StartAsync(ScriptedChatServer model, CapturedLogs? logs = null, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Chat:Provider"] = "openai",
            ["Chat:Model"] = "scripted-model",
            ["Chat:Endpoint"] = model.Endpoint,
            ["Chat:Timeout"] = "00:00:00.5",
            ["Chat:MaxRetries"] = "2",
            ["Chat:RetryDelay"] = "00:00:00.1",
        };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        var app = new RagAppHost(localEmbeddings: false, services: logs is null ? null : logs.AddTo, settings: all);
        await app.StartAsync();
        return app;
    }
}
