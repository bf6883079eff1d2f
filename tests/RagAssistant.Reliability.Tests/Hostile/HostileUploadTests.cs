using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using RagAssistant.Contracts;
using RagAssistant.Reliability.Tests.Support;
using RagAssistant.Web.Papers;

namespace RagAssistant.Reliability.Tests.Hostile;

/// <summary>
/// Hostile uploads through the Papers page's own upload control, end to end into the real store: names that try to
/// leave the uploads folder, files over the limit, and papers whose text is Unicode edge cases or live markup.
/// </summary>
public sealed class HostileUploadTests(UploadApp fixture) : IClassFixture<UploadApp>
{
    private readonly Web.Tests.Hosting.RagAppHost _app = fixture.App;

    [Fact]
    public async Task Upload_names_that_are_paths_are_refused_and_nothing_is_written_outside_the_uploads_folder()
    {
        string[] hostile = ["../escape-a.jsonl", "..\\escape-b.jsonl", "/tmp/escape-c.jsonl", "sub/escape-d.jsonl", ".escape-e.jsonl", "escape-f.jsonl\0.txt", "..", "escape-g.exe",
            "escape-h\u202Etxt.jsonl"]; // a right-to-left override: shows as "escape-hlnosj.txt"
        using var context = AppPages.Context(_app);

        var (page, job) = await AppPages.UploadAsync(context, _app,
        [
            .. hostile.Select(name => InputFileContent.CreateFromText(Paper("Escaped Upload Paper", "Should never be indexed."), name)),
            InputFileContent.CreateFromText(Paper("Traversal Guard Control Paper", "A plain upload about lighthouse keepers is indexed."), "plain-upload.jsonl"),
        ]);

        Assert.Equal(UploadState.Done, job.State);
        Assert.Equal(hostile.Length, job.Errors.Count);
        Assert.All(job.Errors, error => Assert.Matches("refused|control characters|not a \\.pdf, \\.txt", error.Message));
        // The page lists the refusals under this upload (the newest job comes first).
        page.WaitForAssertion(() => Assert.Equal(hostile.Length, page.FindAll("article.upload-job")[0].QuerySelectorAll(".upload-errors tbody tr").Length));
        var uploads = Path.Combine(_app.DataDir, PaperUploads.FolderName);
        // The job's folder held only the plain file, and is removed once indexed.
        Assert.DoesNotContain(Directory.GetDirectories(uploads), folder => folder.EndsWith(job.Id, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(uploads, "*escape*", SearchOption.AllDirectories));
        var temp = Path.GetDirectoryName(_app.DataDir)!;
        Assert.Empty(Directory.EnumerateFiles(temp, "escape-*"));
        Assert.Empty(Directory.EnumerateFiles(_app.DataDir, "escape-*", SearchOption.AllDirectories));
        Assert.Contains("Traversal Guard Control Paper", await SearchTitlesAsync("lighthouse keepers"));
        Assert.DoesNotContain("Escaped Upload Paper", await SearchTitlesAsync("Escaped Upload Paper never indexed"));
    }

    [Fact]
    public async Task Files_over_the_size_limit_and_too_many_files_are_refused_with_the_limit()
    {
        using var context = AppPages.Context(_app);
        var big = new string('x', (int)UploadApp.MaxFileBytes + 1);

        var (_, job) = await AppPages.UploadAsync(context, _app, InputFileContent.CreateFromText(big, "big.txt"));

        Assert.Equal(UploadState.Failed, job.State);
        Assert.Contains("over the 1 MB limit (Rag:MaxFileBytes)", Assert.Single(job.Errors).Message);

        var page = context.Render<RagAssistant.Web.Components.Pages.Papers.PapersPage>();
        var many = Enumerable.Range(0, 21).Select(i => InputFileContent.CreateFromText(Paper($"Paper {i}", "Text."), $"p{i}.jsonl")).ToArray();
        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(many);
        page.WaitForAssertion(() => Assert.Contains("At most 20 files at a time.", page.Find(".add-papers .notice-error").TextContent));
    }

    [Fact]
    public async Task Unicode_edge_cases_survive_the_round_trip_to_the_api_the_hub_and_the_page()
    {
        // Right-to-left text and an override, zero-width characters, emoji with joiners and a flag, combining marks, and NUL.
        const string title = "Zebrafish ‏שלום עולם‏ مرحبا ‮reversed‬ zero\u200Bwidth\u200C\uFEFF 👩‍🔬🧪🇺🇦 e\u0301 Cafe\u0301 \u0000end";
        const string @abstract = "Zebrafish bioluminescence glows in the dark. שלום עולם and مرحبا بالعالم are greetings 👋🏽. A zero\u200Dwidth joiner stays\u200B.\u0000";
        var expectedTitle = title.Replace("\0", "", StringComparison.Ordinal).Trim();
        var expectedAbstract = @abstract.Replace("\0", "", StringComparison.Ordinal).Trim();
        using var context = AppPages.Context(_app);

        var line = JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = "unicode-edge-cases", ["title"] = title, ["abstract"] = @abstract });
        var (page, job) = await AppPages.UploadAsync(context, _app, InputFileContent.CreateFromText(line, "unicode.jsonl"));
        Assert.Equal(UploadState.Done, job.State);

        // The API: exactly as written, except NUL, which is dropped at ingestion (no page can show it).
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        var paper = await http.GetFromJsonAsync<JsonElement>("/api/papers/unicode-edge-cases");
        Assert.Equal(expectedTitle, paper.GetProperty("title").GetString());
        Assert.Equal(expectedAbstract, paper.GetProperty("abstract").GetString());

        // The hub stream the UI renders.
        await using var hub = await HubClient.ConnectAsync(_app.BaseAddress);
        var events = await HubClient.AskAsync(hub, "unicode", "zebrafish bioluminescence glows");
        var source = Assert.Single(Assert.IsType<SourcesEvent>(events[0]).Sources, s => s.PaperId == "unicode-edge-cases");
        Assert.Equal(expectedTitle, source.Title);
        Assert.Contains("שלום עולם and مرحبا بالعالم are greetings 👋🏽", Assert.IsType<DoneEvent>(events[^1]).Answer);

        // The Papers page, as Blazor renders it for the browser.
        await ShowOnlyAsync(page, "Zebrafish");
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".papers-grid summary"), summary => summary.TextContent == expectedTitle), HubClient.HangGuard);
        Assert.Contains(expectedAbstract, page.Find(".papers-grid .grid-abstract").TextContent);
    }

    private static async Task ShowOnlyAsync(IRenderedComponent<RagAssistant.Web.Components.Pages.Papers.PapersPage> page, string filter)
    {
        // The job's end reloads the grid; filter once that has happened, so the paper is on the first page of the grid.
        page.WaitForAssertion(() => Assert.DoesNotContain("Loading the index", page.Find(".page-lead").TextContent), HubClient.HangGuard);
        await page.InvokeAsync(() => page.Find("#paper-filter").Input(filter));
    }

    [Fact]
    public async Task Markup_in_a_title_and_abstract_stays_text_on_the_papers_page_in_the_answer_and_in_the_sources_panel()
    {
        const string title = "<img src=x onerror=alert(1)>Octopus Camouflage";
        const string @abstract = "Octopus camouflage relies on chromatophores. <script>alert('abstract')</script> An [evil link](javascript:alert(1)) " +
                                 "and <iframe src=https://example.org></iframe> follow. Octopus skin senses light for camouflage.";
        using var context = AppPages.Context(_app);
        var line = JsonSerializer.Serialize(new { title, @abstract, url = "javascript:alert(1)" });
        var (page, job) = await AppPages.UploadAsync(context, _app, InputFileContent.CreateFromText(line, "markup.jsonl"));
        Assert.Equal(UploadState.Done, job.State);

        await ShowOnlyAsync(page, "Octopus");
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".papers-grid summary"), summary => summary.TextContent == title), HubClient.HangGuard);
        var html = page.Markup;
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;Octopus Camouflage", html);
        Assert.Contains("&lt;script&gt;alert", html);
        Assert.Empty(page.FindAll("script, iframe, img, [onerror]"));
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("href=\"javascript:", html); // the link stays text, and the paper's javascript: url is not linked

        var chat = await AppPages.AskAsync(context, "octopus camouflage chromatophores");
        await chat.InvokeAsync(() => chat.Find(".cite-chip").Click());
        chat.WaitForAssertion(() => Assert.Single(chat.FindAll(".sources-panel article.source.selected")));
        Assert.Contains("<script>alert('abstract')</script>", chat.Find(".sources-panel").TextContent);
        Assert.Contains(title, chat.Find(".sources-panel").TextContent);
        Assert.Empty(chat.FindAll("script, iframe, img, [onerror]"));
        Assert.Empty(chat.FindAll("[href^='javascript'], [src^='javascript']"));
    }

    private async Task<List<string>> SearchTitlesAsync(string query)
    {
        using var http = new HttpClient { BaseAddress = _app.BaseAddress };
        var results = await http.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(query)}&top=3");
        return [.. results.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()!)];
    }

    private static string Paper(string title, string @abstract) => JsonSerializer.Serialize(new { title, @abstract });
}
