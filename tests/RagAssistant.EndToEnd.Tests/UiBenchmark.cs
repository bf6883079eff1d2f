using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Chat;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.EndToEnd.Tests;

/// <summary>
/// The UI benchmark, the entry point of this project (not a test: it measures and asserts nothing):
/// <c>dotnet run --project tests/RagAssistant.EndToEnd.Tests -- bench [--questions 20] [--clients 50]</c>
/// starts the real app (local embeddings, extractive writer, sample papers) and measures
/// (1) send → first visible text in Chromium, over N questions, one at a time, and
/// (2) M hub clients asking at once: how many complete, and the time to their done event.
/// </summary>
public static class UiBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "bench")
        {
            Console.Error.WriteLine("usage: dotnet run --project tests/RagAssistant.EndToEnd.Tests -- bench [--questions 20] [--clients 50]");
            return 2;
        }
        // WebApplicationFactory finds the app's content root from its output folder, as under dotnet test.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var questionCount = BenchmarkRun.Option(args, "--questions", 20);
        var clientCount = BenchmarkRun.Option(args, "--clients", 50);

        await using var app = new RagAppHost(localEmbeddings: true);
        var startup = Stopwatch.StartNew();
        await app.StartAsync();
        Console.Error.WriteLine($"app ready at {app.BaseAddress} with the sample papers indexed in {startup.Elapsed.TotalSeconds:0.0} s");

        var papers = new List<Paper>();
        await foreach (var paper in app.Services.GetRequiredService<IPaperIndex>().ListPapersAsync()) papers.Add(paper);
        // Questions about different papers, so no two are the same; ordered by id for the same set on every run.
        var questions = papers.OrderBy(paper => paper.Id, StringComparer.Ordinal)
            .Select(paper => $"What does the paper on {paper.Title.Split(':')[^1].Trim()} find?")
            .ToList();

        var (playwright, browser) = await Browser.LaunchAsync();
        var firstText = new List<double>();
        try
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
            var chat = new ChatPageDriver(await context.NewPageAsync());
            await chat.OpenAsync(app.BaseAddress);
            // One question first, not counted: it warms the circuit, the JIT and the model's first batch.
            await chat.AskAsync("warm-up: neural networks for weather prediction");
            await chat.WaitForAnswerAsync(1);
            foreach (var question in questions.Take(questionCount))
            {
                await chat.NewChatAsync();
                firstText.Add(await chat.MeasureFirstTextAsync(question));
                await chat.WaitForAnswerAsync(1);
                Console.Error.WriteLine($"  first text after {firstText[^1],6:0.0} ms: {question}");
            }
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }

        // All clients connect first; then every one asks at the same moment.
        var connections = new List<HubConnection>();
        for (var i = 0; i < clientCount; i++)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, ChatHub.Path)).Build();
            await connection.StartAsync();
            connections.Add(connection);
        }
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wall = new Stopwatch();
        var asks = connections.Select(async (connection, i) =>
        {
            await gate.Task;
            var clock = Stopwatch.StartNew();
            try
            {
                await foreach (var answerEvent in connection.StreamAsync<AnswerEvent>("Ask", $"bench-{i}", questions[(questionCount + i) % questions.Count], null))
                {
                    if (answerEvent is DoneEvent) return (Done: true, clock.Elapsed.TotalMilliseconds);
                }
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"  client {i}: {exception.Message}");
            }
            return (Done: false, clock.Elapsed.TotalMilliseconds);
        }).ToList();
        wall.Start();
        gate.SetResult();
        var results = await Task.WhenAll(asks);
        wall.Stop();
        foreach (var connection in connections) await connection.DisposeAsync();

        var doneTimes = results.Where(result => result.Done).Select(result => result.TotalMilliseconds).ToList();
        var report = new
        {
            questions = firstText.Count,
            first_text_p50_ms = Math.Round(BenchmarkRun.Percentile(firstText, 0.50), 1),
            first_text_p95_ms = Math.Round(BenchmarkRun.Percentile(firstText, 0.95), 1),
            first_text_max_ms = Math.Round(firstText.Max(), 1),
            hub_clients = clientCount,
            hub_completed = doneTimes.Count,
            hub_done_p50_ms = Math.Round(BenchmarkRun.Percentile(doneTimes, 0.50), 1),
            hub_done_p95_ms = Math.Round(BenchmarkRun.Percentile(doneTimes, 0.95), 1),
            hub_done_max_ms = doneTimes.Count == 0 ? 0 : Math.Round(doneTimes.Max(), 1),
            hub_wall_ms = Math.Round(wall.Elapsed.TotalMilliseconds, 1),
            processors = Environment.ProcessorCount,
        };
        Console.WriteLine(JsonSerializer.Serialize(report));
        return doneTimes.Count == clientCount ? 0 : 1;
    }
}
