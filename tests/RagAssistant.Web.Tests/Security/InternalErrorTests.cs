using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RagAssistant.Core.Orchestration;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Writers;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.Security;

/// <summary>
/// The app as <c>./scripts/run.sh</c> starts it (Production) with a fault inside: callers read a reference, never the
/// exception's text, and the log holds the detail under that reference.
/// </summary>
public sealed class InternalErrorTests
{
    private const string Internals = "connection string Password=hunter2 in /srv/rag/secrets.json";
    private const string Question = "neural networks for atmospheric CO2 transport";

    [Fact]
    public async Task A_fault_inside_the_answer_reaches_rest_and_the_hub_as_a_reference_and_the_log_as_detail()
    {
        var logs = new CapturedLogs();
        await using var app = new RagAppHost(localEmbeddings: false,
            services: services =>
            {
                services.RemoveAll<IAnswerWriter>();
                services.AddSingleton<IAnswerWriter, BrokenWriter>();
                logs.AddTo(services);
            },
            settings: new Dictionary<string, string?> { ["environment"] = "Production" });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var rest = await http.PostAsJsonAsync("/api/ask", new { question = Question });
        Assert.Equal(HttpStatusCode.InternalServerError, rest.StatusCode);
        var body = await rest.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", body);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith("The answer could not be completed because of an error inside the server (reference ", detail);

        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, ChatHub.Path)).Build();
        await hub.StartAsync();
        var events = new List<AnswerEvent>();
        await foreach (var answerEvent in hub.StreamAsync<AnswerEvent>("Ask", "broken-writer", Question, null)) events.Add(answerEvent);
        var error = Assert.IsType<ErrorEvent>(events[^1]);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.False(error.ServiceUnreachable);

        // Each reference leads to the exception in the log.
        foreach (var shown in new[] { detail, error.Message })
        {
            var reference = shown.Split("(reference ")[1].Split(';')[0];
            Assert.Contains(logs.Records, record => record.Contains(reference) && record.Contains("hunter2"));
        }

        // Production, run from the build as run.sh does, still serves Blazor's script; the page itself opens.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/_framework/blazor.web.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
    }

    private sealed class BrokenWriter : IAnswerWriter
    {
        public async IAsyncEnumerable<string> WriteAsync(AnswerContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new InvalidOperationException(Internals);
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }
}
