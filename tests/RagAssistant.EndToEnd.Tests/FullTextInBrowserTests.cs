using Microsoft.Playwright;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.EndToEnd.Tests;

/// <summary>
/// A question only a paper's body answers, asked in Chromium: the citation chip says the page, the sources panel shows
/// the passage with its page, and the cited papers download as BibTeX.
/// </summary>
public sealed class FullTextInBrowserTests(FullTextInBrowserTests.Fixture fixture) : IClassFixture<FullTextInBrowserTests.Fixture>
{
    [Fact]
    public async Task A_body_passage_is_cited_with_its_page_shown_in_the_sources_and_exported_as_bibtex()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 860 }, AcceptDownloads = true });
        var chat = new ChatPageDriver(await context.NewPageAsync());
        await chat.OpenAsync(fixture.FullText.App.BaseAddress);

        await chat.AskAsync(FullTextApp.BodyOnlyQuestion);
        await chat.WaitForAnswerAsync(1);

        Assert.Contains(FullTextApp.BodyOnlyFact, await chat.LastAnswer.InnerTextAsync());
        // The paper is cited for other sentences too; the chip of the one on page 3 says so.
        var chip = chat.LastAnswer.Locator($".cite-chip[data-paper-id='{FullTextApp.PaperId}']", new() { HasText = $", p. {FullTextApp.BodyOnlyPage}" });
        Assert.True(await chip.CountAsync() >= 1, "no citation chip of the paper says the page the answer's sentence is on");
        await chip.First.ClickAsync();

        var selected = chat.Page.Locator($".sources-panel article.source.selected[data-paper-id='{FullTextApp.PaperId}']");
        await selected.WaitForAsync();
        var passage = selected.Locator($".source-passage[data-page='{FullTextApp.BodyOnlyPage}']", new() { HasText = FullTextApp.BodyOnlyFact });
        Assert.Equal(1, await passage.CountAsync());
        Assert.Contains($"p. {FullTextApp.BodyOnlyPage}", await passage.Locator(".source-passage-place").InnerTextAsync());
        Assert.Equal(1, await passage.Locator("mark").CountAsync());

        var download = await chat.Page.RunAndWaitForDownloadAsync(() => chat.LastAnswer.Locator(".download-bibtex").ClickAsync());
        Assert.EndsWith(".bib", download.SuggestedFilename);
        var bibtex = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("@misc{lo2020s2orc,", bibtex);
        Assert.Contains("title = {{S2ORC: The Semantic Scholar Open Research Corpus}}", bibtex);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private IPlaywright? _playwright;

        public FullTextApp FullText { get; } = new();

        public IBrowser Browser { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await FullText.InitializeAsync();
            (_playwright, Browser) = await EndToEnd.Tests.Browser.LaunchAsync();
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null) await Browser.DisposeAsync();
            _playwright?.Dispose();
            await FullText.DisposeAsync();
        }
    }
}
