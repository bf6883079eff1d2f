using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RagAssistant.Contracts;
using RagAssistant.Core.Retrieval;
using RagAssistant.Reliability.Tests.Support;
using RagAssistant.Web.Components.Pages.Chat;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Reliability.Tests.Hostile;

/// <summary>
/// Random Unicode (<see cref="HostileText"/>) as questions and queries on every surface — REST ask, its stream and
/// search, the hub, the MCP tools, the chat page and the CLI — against the app with the real embedding model, whose
/// tokenizer is where text of only control characters or combining marks used to fail. Never a 5xx, an error event or
/// a generic tool error: each text is answered, or refused with the words of the one input rule
/// (<see cref="QuestionText"/>) — or, when it holds half a surrogate pair that JSON cannot carry, refused naming the
/// field. After each surface's cases the next ordinary question on it is answered. The seed is printed;
/// RAG_FUZZ_SEED replays it, RAG_UNICODE_CASES sets the cases per surface.
/// </summary>
public sealed class UnicodeInputTests(UnicodeInputTests.ModelApp fixture, ITestOutputHelper output) : IClassFixture<UnicodeInputTests.ModelApp>
{
    private const string Ordinary = "bayesian optimization of hyperparameters";
    private const string UnreadableString = "must be text (a JSON string of well-formed Unicode).";

    private readonly RagAppHost _app = fixture.App;

    /// <summary>The issue's own examples and their kin, on the JSON surfaces: each is a 400 naming the field, never a 500.</summary>
    [Theory]
    [InlineData("\0", "The question is empty.")]
    [InlineData("\u0301\u0301", "The question has no letter or digit.")]
    [InlineData("\u202E\u200B\u2066", "The question has no letter or digit.")]
    [InlineData("\uFFFE\uFFFF", "The question is empty.")]
    [InlineData("?!… —", "The question has no letter or digit.")]
    public async Task Text_with_no_letter_or_digit_is_a_400_naming_the_field_on_ask_and_search(string text, string problem)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };

        using var ask = await PostJsonAsync(http, "/api/ask", $$"""{"question":{{Json(text)}}}""");
        using var search = await http.GetAsync("/api/search?q=" + PercentEncoded(text));

        Assert.Equal(HttpStatusCode.BadRequest, ask.StatusCode);
        Assert.Equal(problem, await FieldErrorAsync(ask, "question"));
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        Assert.Equal(problem.Replace("question", "query", StringComparison.Ordinal), await FieldErrorAsync(search, "q"));
    }

    [Fact]
    public async Task Random_unicode_on_rest_ask_its_stream_and_search_is_never_a_5xx()
    {
        var (texts, seed) = Cases(Budget.UnicodeCases);
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        var answered = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            var expected = ExpectedOverJson(text, "question");
            if (expected is null) answered++;
            var path = i % 3 == 0 ? "/api/ask/stream" : "/api/ask";
            using var ask = await PostJsonAsync(http, path, $$"""{"question":{{Json(text)}}}""");
            var body = await ask.Content.ReadAsStringAsync();
            if (expected is null)
            {
                Assert.True(ask.StatusCode == HttpStatusCode.OK, Case(seed, i, text, $"{path}: {(int)ask.StatusCode} {body}"));
                // A stream ends with done, never with an error event; a whole answer is the answer object.
                if (path.EndsWith("stream", StringComparison.Ordinal)) Assert.True(LastSseEvent(body) == "done", Case(seed, i, text, body));
                else Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("answer", out _), Case(seed, i, text, body));
            }
            else
            {
                Assert.True(ask.StatusCode == HttpStatusCode.BadRequest, Case(seed, i, text, $"{path}: {(int)ask.StatusCode} {body}"));
                Assert.Equal(expected, await FieldErrorAsync(ask, "question"));
            }

            using var search = await http.GetAsync("/api/search?q=" + PercentEncoded(text));
            var searchBody = await search.Content.ReadAsStringAsync();
            Assert.True((int)search.StatusCode < 500, Case(seed, i, text, $"search: {(int)search.StatusCode} {searchBody}"));
            // A URL over Kestrel's 8 KB limit is 414. Half a surrogate pair, sent as its (invalid UTF-8) bytes, is left
            // percent-encoded by the query decoder: "%ED%A0%80" arrives as those nine characters, letters among them.
            if (search.StatusCode == HttpStatusCode.RequestUriTooLong || HasHalfPair(text)) continue;
            var expectedSearch = QuestionText.Problem(text, "query");
            Assert.True(search.StatusCode == (expectedSearch is null ? HttpStatusCode.OK : HttpStatusCode.BadRequest), Case(seed, i, text, $"search: {(int)search.StatusCode} {searchBody}"));
            if (expectedSearch is not null) Assert.Equal(expectedSearch, await FieldErrorAsync(search, "q"));
        }

        output.WriteLine($"{answered} answered, {texts.Count - answered} refused");
        using var next = await http.PostAsJsonAsync("/api/ask", new { question = Ordinary });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Random_unicode_on_the_hub_is_answered_or_refused_and_the_connection_stays()
    {
        var (texts, seed) = Cases(Budget.UnicodeCases);
        await using var hub = await HubClient.ConnectAsync(_app.BaseAddress);
        var answered = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            // The .NET client's JSON writes half a surrogate pair as U+FFFD, so that is what the hub receives.
            var expected = QuestionText.Problem(Replaced(text));
            try
            {
                var events = await HubClient.AskAsync(hub, $"unicode-{i}", text);
                Assert.True(expected is null, Case(seed, i, text, $"answered, but the rule refuses it: {expected}"));
                Assert.True(events[^1] is DoneEvent, Case(seed, i, text, $"ended with {events[^1]}"));
                answered++;
            }
            catch (HubException refused)
            {
                Assert.True(expected is not null && refused.Message.Contains(expected, StringComparison.Ordinal), Case(seed, i, text, refused.Message));
            }
            Assert.Equal(HubConnectionState.Connected, hub.State);
        }

        output.WriteLine($"{answered} answered, {texts.Count - answered} refused");
        Assert.IsType<DoneEvent>((await HubClient.AskAsync(hub, "unicode-next", Ordinary))[^1]);
    }

    [Fact]
    public async Task Random_unicode_on_the_mcp_tools_is_a_result_or_a_tool_error_in_the_rules_words()
    {
        var (texts, seed) = Cases(Budget.UnicodeCases);
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            var (tool, argument, noun) = i % 2 == 0 ? ("search_papers", "query", "query") : ("ask", "question", "question");
            using var response = await PostJsonAsync(http, "/mcp",
                $$"""{"jsonrpc":"2.0","id":{{i}},"method":"tools/call","params":{"name":"{{tool}}","arguments":{"{{argument}}":""" + Json(text) + "}}}",
                "application/json", "text/event-stream");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, Case(seed, i, text, $"{tool}: {(int)response.StatusCode} {body}"));
            var message = McpMessage(body);
            if (HasHalfPair(text))
            {
                // JSON-RPC cannot carry it: an error about the request, not the generic failure of a tool.
                Assert.True(message is null || !message.Value.TryGetProperty("result", out _), Case(seed, i, text, body));
                continue;
            }
            var result = message!.Value.GetProperty("result");
            var expected = QuestionText.Problem(text, noun);
            var isError = result.TryGetProperty("isError", out var error) && error.GetBoolean();
            Assert.True(isError == expected is not null, Case(seed, i, text, $"{tool}: {body}"));
            if (isError) Assert.True(body.Contains(expected!, StringComparison.Ordinal), Case(seed, i, text, $"{tool}: {body}"));
        }

        await using var mcp = await McpSession.ConnectAsync(_app.BaseAddress);
        var next = await mcp.CallToolAsync("search_papers", new Dictionary<string, object?> { ["query"] = Ordinary });
        Assert.NotEqual(true, next.IsError);
    }

    [Fact]
    public async Task Random_unicode_in_the_chat_page_is_answered_or_refused_in_the_rules_words()
    {
        var (texts, seed) = Cases(Math.Max(4, Budget.UnicodeCases / 4));
        using var context = AppPages.Context(_app);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            var page = context.Render<ChatPage>();
            await page.InvokeAsync(() => page.Find("textarea#question").Input(text));
            await page.InvokeAsync(() => page.Find("form.composer").Submit());
            // The composer itself sends nothing that is blank.
            if (string.IsNullOrWhiteSpace(text)) continue;
            var expected = QuestionText.Problem(text);
            if (expected is not null)
            {
                page.WaitForAssertion(() => Assert.Equal(expected, page.Find(".question-refused").TextContent), HubClient.HangGuard);
                Assert.Empty(page.FindAll("article.answer"));
            }
            else
            {
                page.WaitForAssertion(() => Assert.NotEqual("streaming", page.Find("article.answer").GetAttribute("data-outcome")), HubClient.HangGuard);
                Assert.True(page.Find("article.answer").GetAttribute("data-outcome") == "answered", Case(seed, i, text, page.Find("article.answer").TextContent));
            }
        }

        await AppPages.AskAsync(context, Ordinary);
    }

    [Fact]
    public async Task Random_unicode_as_a_cli_argument_is_answered_or_a_usage_error_in_the_rules_words()
    {
        var (texts, seed) = Cases(Math.Max(2, Budget.UnicodeCases / 10));
        for (var i = 0; i < texts.Count; i++)
        {
            // An argument cannot carry NUL (the C strings of execve), and half a surrogate pair is sent as U+FFFD.
            var text = Replaced(texts[i]).Replace("\0", "", StringComparison.Ordinal);
            var (verb, noun) = i % 2 == 0 ? ("search", "query") : ("ask", "question");
            // After --, so a text that begins with - or @ is the argument, not an option or a response file.
            var run = await RagProgram.RunAsync([verb, "--json", "--data-dir", _app.DataDir, "--", text]);
            var expected = QuestionText.Problem(text, noun);
            Assert.True(run.ExitCode == (expected is null ? 0 : 2), Case(seed, i, text, $"rag {verb}: exit {run.ExitCode}: {run.Error}"));
            if (expected is not null) Assert.Contains(expected, run.Error);
            Assert.DoesNotContain("Unhandled exception", run.Error);
        }
    }

    /// <summary>
    /// The app with the real embedding model over one sample page (about 60 papers: the model is the subject, not the
    /// corpus, and indexing all four pages beside the other classes of this project takes minutes); no request or
    /// question limit, so the cases are all heard.
    /// </summary>
    public sealed class ModelApp : IAsyncLifetime
    {
        public RagAppHost App { get; } = new(localEmbeddings: true, settings: new Dictionary<string, string?>
        {
            ["Rag:SamplePaths:0"] = Path.Combine(TestRepository.SamplePapers, "003_750df939291c8579.txt"),
            ["RateLimits:PermitLimit"] = "0",
            ["QuestionLimits:PermitLimit"] = "0",
        });

        public Task InitializeAsync() => App.StartAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private (List<string> Texts, int Seed) Cases(int count)
    {
        var seed = Budget.FuzzSeed;
        output.WriteLine($"seed {seed} (RAG_FUZZ_SEED={seed} replays it), {count} cases");
        var generator = new HostileText(seed);
        return ([.. Enumerable.Range(0, count).Select(_ => generator.Next())], seed);
    }

    private static string Case(int seed, int index, string text, string what) =>
        $"seed {seed}, case {index} ({text.Length} chars: {string.Join(' ', text.Take(40).Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)))}): {what}";

    /// <summary>What a JSON surface answers: the field's type error for half a surrogate pair, else the rule's words.</summary>
    private static string? ExpectedOverJson(string text, string field) =>
        HasHalfPair(text) ? $"{field} {UnreadableString}" : QuestionText.Problem(text, field);

    private static bool HasHalfPair(string text) => Replaced(text) != text;

    /// <summary>Halves of surrogate pairs as U+FFFD, as UTF-8 encoders and decoders leave them.</summary>
    private static string Replaced(string text) => string.Concat(text.EnumerateRunes().Select(rune => rune.ToString()));

    /// <summary>A JSON string literal with every character outside printable ASCII escaped, so any UTF-16 (half pairs too) travels as written.</summary>
    private static string Json(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' or '"' or '\\') json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else json.Append(c);
        }
        return json.Append('"').ToString();
    }

    /// <summary>Every character as %XX of its UTF-8, half a surrogate pair as the three bytes it would be (WTF-8), as a hostile client may send it.</summary>
    private static string PercentEncoded(string text)
    {
        var encoded = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) codePoint = char.ConvertToUtf32(text[i], text[++i]);
            foreach (var b in Wtf8(codePoint)) encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }

    private static byte[] Wtf8(int codePoint) => codePoint switch
    {
        < 0x80 => [(byte)codePoint],
        < 0x800 => [(byte)(0xC0 | codePoint >> 6), (byte)(0x80 | codePoint & 0x3F)],
        < 0x10000 => [(byte)(0xE0 | codePoint >> 12), (byte)(0x80 | codePoint >> 6 & 0x3F), (byte)(0x80 | codePoint & 0x3F)],
        _ => [(byte)(0xF0 | codePoint >> 18), (byte)(0x80 | codePoint >> 12 & 0x3F), (byte)(0x80 | codePoint >> 6 & 0x3F), (byte)(0x80 | codePoint & 0x3F)],
    };

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, string json, params string[] accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var type in accept) request.Headers.Accept.ParseAdd(type);
        return await http.SendAsync(request);
    }

    private static async Task<string?> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").GetProperty(field)[0].GetString();
    }

    /// <summary>The name of the last server-sent event (<c>event: done</c>).</summary>
    private static string? LastSseEvent(string body) =>
        body.Split('\n').LastOrDefault(line => line.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..].Trim();

    /// <summary>The JSON-RPC message of a streamable-HTTP answer (one SSE <c>data:</c> line, or plain JSON), or null when there is none.</summary>
    private static JsonElement? McpMessage(string body)
    {
        var data = body.Split('\n').FirstOrDefault(line => line.StartsWith("data: ", StringComparison.Ordinal))?["data: ".Length..] ?? body;
        try
        {
            return JsonDocument.Parse(data).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
