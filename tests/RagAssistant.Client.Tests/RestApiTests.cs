using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RagAssistant.Client.Tests.Hosting;
using RagAssistant.Contracts;

namespace RagAssistant.Client.Tests;

/// <summary>The REST API through <see cref="RagAssistantClient"/>, as another team would call it.</summary>
[Collection(GuardedAppCollection.Name)]
public sealed class RestApiTests(GuardedApp app)
{
    [Fact]
    public async Task Search_then_paper_by_id_finds_the_CO2_paper()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);

        var found = await client.SearchAsync(SampleCorpus.Co2Query, top: 5);
        var paper = await client.GetPaperAsync(found.Results[0].PaperId);

        Assert.InRange(found.Results.Count, 1, 5);
        Assert.StartsWith(SampleCorpus.Co2TitleStart, found.Results[0].Title);
        Assert.Equal(found.Results[0].Title, paper?.Title);
        Assert.Equal(SampleCorpus.Co2Date, paper?.Date);
        Assert.Contains("CarbonBench", paper?.Abstract);
        Assert.Null(await client.GetPaperAsync("hf-0000000000000000"));
    }

    [Fact]
    public async Task Ask_returns_the_cli_contract_with_every_marker_among_the_citations()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);

        var answer = await client.AskAsync(new AskRequest(SampleCorpus.Co2Question));

        Assert.True(answer.Covered);
        Assert.Equal(AnswerKind.Answer, answer.Kind);
        Assert.Contains(answer.Citations, citation => citation.Title.StartsWith(SampleCorpus.Co2TitleStart, StringComparison.Ordinal));
        Assert.Equal(CitedAnswer.MarkersIn(answer.Answer), answer.Citations.Select(citation => citation.N).ToHashSet());
    }

    [Fact]
    public async Task The_stream_sends_sources_first_then_text_and_citations_then_done_with_the_whole_text()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);

        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in client.StreamAnswerAsync(new AskRequest(SampleCorpus.Co2Question))) events.Add(answerEvent);

        var sources = Assert.IsType<SourcesEvent>(events[0]);
        var done = Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal(done.Answer, string.Concat(events.OfType<TextDeltaEvent>().Select(delta => delta.Text)));
        var citations = events.OfType<CitationEvent>().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, citation => Assert.Contains(sources.Sources, source => source.N == citation.N && source.PaperId == citation.PaperId));
        Assert.Contains(sources.Sources, source => source.Title.StartsWith(SampleCorpus.Co2TitleStart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stream_is_server_sent_events_named_by_event_type()
    {
        using var http = app.Host.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask/stream") { Content = JsonContent.Create(new { question = SampleCorpus.Co2Question }) };
        request.Headers.Add("X-Api-Key", GuardedApp.Key);

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var names = body.Split('\n').Where(line => line.StartsWith("event: ", StringComparison.Ordinal)).Select(line => line["event: ".Length..]).ToList();
        Assert.Equal("sources", names[0]);
        Assert.Equal("done", names[^1]);
        Assert.Contains("citation", names);
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_rfc7807_validation_problems()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);

        var ask = await Assert.ThrowsAsync<RagAssistantException>(() => client.AskAsync(new AskRequest(" ", From: new DateOnly(2024, 5, 1), To: new DateOnly(2023, 1, 1))));
        var search = await Assert.ThrowsAsync<RagAssistantException>(() => client.SearchAsync("transport", top: 0));

        Assert.Equal(HttpStatusCode.BadRequest, ask.StatusCode);
        Assert.Equal(["from", "question"], ask.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        Assert.Equal(["top"], search.Errors.Keys);
    }

    [Fact]
    public async Task Search_takes_the_mode_in_any_letter_case_and_names_a_wrong_one()
    {
        using var http = app.Host.CreateAnonymousClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", GuardedApp.Key);

        using var sparse = await http.GetAsync("/api/search?q=atmospheric+transport&mode=Sparse");
        using var wrong = await http.GetAsync("/api/search?q=atmospheric+transport&mode=semantic");
        var problem = await wrong.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, sparse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(["mode"], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    [Fact]
    public async Task A_validation_problem_is_an_application_problem_json_document()
    {
        using var http = app.Host.CreateAnonymousClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", GuardedApp.Key);

        using var response = await http.PostAsJsonAsync("/api/ask", new { question = "" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("question", out _));
    }

    [Fact]
    public async Task Index_status_reports_the_indexed_sample_papers()
    {
        using var client = new RagAssistantClient(app.Host.ClientOptionsWithKey);

        var status = await client.GetIndexStatusAsync();

        Assert.True(status.IsReady);
        Assert.Equal(303, status.Papers);
        Assert.Equal("embedded", status.Store);
        Assert.False(status.DenseSearch);
        Assert.Null(status.Problem);
    }
}
