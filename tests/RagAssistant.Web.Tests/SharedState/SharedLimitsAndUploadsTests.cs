using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Conversations;
using RagAssistant.Web.Callers;
using RagAssistant.Web.Components.Pages.Papers;
using RagAssistant.Web.Limits;
using RagAssistant.Web.Papers;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.Web.Tests.SharedState;

/// <summary>
/// What two nodes sharing Redis and Qdrant do as one app: the sample papers are seeded once, an upload to one node is
/// indexed once and shows (job and papers) on the other, and the request, question and upload limits count requests
/// over both nodes together.
/// </summary>
public sealed class SharedLimitsAndUploadsTests(LimitedNodes nodes) : IClassFixture<LimitedNodes>
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Two_nodes_started_together_seed_the_sample_papers_once_and_both_are_ready()
    {
        Assert.Single(nodes.Logs, line => line.Contains("The index is empty; indexing the sample papers", StringComparison.Ordinal));

        using var a = LimitedNodes.ClientFrom("127.0.0.4", nodes.A);
        using var b = LimitedNodes.ClientFrom("127.0.0.4", nodes.B);
        var onA = await a.GetFromJsonAsync<JsonElement>("/api/index/status");
        var onB = await b.GetFromJsonAsync<JsonElement>("/api/index/status");
        Assert.Equal("ready", onA.GetProperty("status").GetString());
        Assert.Equal("ready", onB.GetProperty("status").GetString());
        Assert.True(onA.GetProperty("papers").GetInt64() > 300);
        Assert.Equal(onA.GetProperty("papers").GetInt64(), onB.GetProperty("papers").GetInt64());
    }

    [Fact]
    public async Task An_upload_to_node_A_is_indexed_once_and_its_job_and_papers_show_on_node_B()
    {
        var caller = new Caller(ConversationOwner.Session("two-node-uploader"), "address:127.0.0.9");
        using var onB = LimitedNodes.PagesOf(nodes.B, caller);
        var pageOnB = onB.Render<PapersPage>();
        using var onA = LimitedNodes.PagesOf(nodes.A, caller);
        var pageOnA = onA.Render<PapersPage>();

        pageOnA.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText(Paper("Shared Queue Heron Migration", "Grey herons migrate along the river valley."), "herons.jsonl"),
            InputFileContent.CreateFromText(Paper("Shared Queue Kelp Forests", "Kelp forests shelter sea otters.") + "\n{\"title\": \"broken", "kelp.jsonl"));
        var job = await UploadWait.EndedAsync(nodes.B.Services.GetRequiredService<PaperUploads>(), caller, null, HangGuard);

        Assert.Equal(UploadState.Done, job.State);
        Assert.Equal(2, job.Summary!.Added);
        var broken = Assert.Single(job.Errors);
        Assert.Equal(("kelp.jsonl", 2), (broken.File, broken.Line));
        // Indexed once, by one node, whichever took it.
        Assert.NotNull(job.IndexedBy);
        Assert.Single(nodes.Logs, line => line.Contains($"Upload {job.Id}:", StringComparison.Ordinal));
        // The page already open on B learns of the job's end without a reload, with the bad line named.
        pageOnB.WaitForAssertion(() => Assert.Contains("done: 2 papers read, 2 added", pageOnB.Find("article.upload-job").TextContent), HangGuard);
        Assert.Contains("kelp.jsonl", pageOnB.Find("article.upload-job .upload-errors").TextContent);

        using var b = LimitedNodes.ClientFrom("127.0.0.9", nodes.B);
        var results = await b.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString("grey herons migrate river valley") + "&top=3");
        Assert.Equal("Shared Queue Heron Migration", results.GetProperty("results")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Requests_split_over_both_nodes_meet_one_request_limit()
    {
        using var a = LimitedNodes.ClientFrom("127.0.0.2", nodes.A);
        using var b = LimitedNodes.ClientFrom("127.0.0.2", nodes.B);

        for (var i = 0; i < LimitedNodes.RequestLimit; i++)
        {
            using var allowed = await (i % 2 == 0 ? a : b).GetAsync("/api/index/status");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var refusedOnA = await a.GetAsync("/api/search?q=neural");
        using var refusedOnB = await b.GetAsync("/api/search?q=neural");

        foreach (var refused in new[] { refusedOnA, refusedOnB })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var seconds = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, 3600);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains($"At most {LimitedNodes.RequestLimit} requests per 3600 s from one client", problem.GetProperty("detail").GetString());
        }
        // Another client still has its own allowance.
        using var other = LimitedNodes.ClientFrom("127.0.0.12", nodes.B);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/index/status")).StatusCode);
    }

    [Fact]
    public async Task Questions_split_over_both_nodes_meet_one_question_limit()
    {
        using var a = LimitedNodes.ClientFrom("127.0.0.3", nodes.A);
        using var b = LimitedNodes.ClientFrom("127.0.0.3", nodes.B);
        var question = new { question = "How do transformers handle long documents?" };

        using var first = await a.PostAsJsonAsync("/api/ask", question);
        using var second = await b.PostAsJsonAsync("/api/ask", question);
        using var third = await a.PostAsJsonAsync("/api/ask", question);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains($"Too many questions: at most {LimitedNodes.QuestionLimit} per 3600 s from one user", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Uploads_to_both_nodes_count_against_one_daily_quota()
    {
        const string uploader = "address:127.0.0.10";
        var onA = nodes.A.Services.GetRequiredService<UploadQuota>();
        var onB = nodes.B.Services.GetRequiredService<UploadQuota>();

        Assert.Null(await onA.RefusalAsync(uploader, 100));
        Assert.Null(await onB.RefusalAsync(uploader, 100));
        var refusal = await onA.RefusalAsync(uploader, 100);

        Assert.Equal($"over today's upload limit of {LimitedNodes.FilesPerDay} files per user (UploadLimits:FilesPerDay); refused", refusal);
    }

    private static string Paper(string title, string @abstract) => JsonSerializer.Serialize(new { title, @abstract });
}
