using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Web.Tests.Hosting;

namespace RagAssistant.EndToEnd.Tests;

/// <summary>
/// The real app on 127.0.0.1 with the sample papers indexed by the local embedding model, and Debian's Chromium
/// asking it questions as a person would.
/// </summary>
public sealed partial class ChatInBrowserTests(ChatInBrowserTests.Fixture fixture) : IClassFixture<ChatInBrowserTests.Fixture>
{
    private const string Question = "How can neural networks model atmospheric CO2 transport?";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [Fact]
    public async Task An_answer_grows_in_place_and_its_citation_opens_the_cited_papers_abstract()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 860 }, ColorScheme = ColorScheme.Light });
        var chat = new ChatPageDriver(await context.NewPageAsync());
        await chat.OpenAsync(fixture.App.BaseAddress);
        Assert.StartsWith("http://127.0.0.1:", fixture.App.BaseAddress.ToString());

        // Shift+Enter breaks the line instead of sending.
        var box = chat.Page.Locator("textarea#question");
        await box.FillAsync("first line");
        await box.PressAsync("Shift+Enter");
        Assert.Equal("first line\n", await box.InputValueAsync());
        Assert.Equal(0, await chat.Page.Locator(".exchange").CountAsync());

        await chat.WatchAnswerGrowthAsync();
        await chat.AskAsync(Question);
        await chat.WaitForAnswerAsync(1);

        var lengths = await chat.AnswerLengthsAsync();
        var growthSteps = lengths.Zip(lengths.Skip(1)).Count(pair => pair.Second > pair.First);
        Assert.True(growthSteps >= 2, $"the answer should grow in several steps; its visible lengths were [{string.Join(", ", lengths)}]");
        Assert.True(lengths[0] < lengths[^1]);
        Assert.Equal("", await box.InputValueAsync());

        var chip = chat.LastAnswer.Locator(".cite-chip").First;
        var paperId = await chip.GetAttributeAsync("data-paper-id");
        Assert.False(string.IsNullOrEmpty(paperId));
        await chip.ClickAsync();

        var selected = chat.Page.Locator($".sources-panel article.source.selected[data-paper-id='{paperId}']");
        await selected.WaitForAsync();
        var paper = await fixture.App.Services.GetRequiredService<IPaperIndex>().GetPaperAsync(paperId!);
        Assert.NotNull(paper);
        // Shown as a reader reads it: LaTeX as text (CO$_2$ as CO₂), otherwise word for word.
        Assert.Equal(Normalise(TexNotation.Readable(paper.Abstract)), Normalise(await selected.Locator(".source-abstract").InnerTextAsync()));
        Assert.Contains(TexNotation.Readable(paper.Title), await selected.Locator(".source-title").InnerTextAsync());
        Assert.True(await selected.Locator("mark").CountAsync() > 0, "the cited sentence should be highlighted in the abstract");
        // Focus moved to the opened source, for keyboard and screen-reader users.
        await chat.Page.WaitForFunctionAsync($"() => document.activeElement?.id === 'source-{await chip.GetAttributeAsync("data-n")}'");

        // Hovering a chip shows the paper and the cited sentence.
        await chat.LastAnswer.Locator(".cite-chip").Last.HoverAsync();
        await chat.LastAnswer.Locator(".cite-tip").Last.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await chat.Page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDir(), "chat-desktop.png") });
        if (Environment.GetEnvironmentVariable("RAG_UPDATE_DOCS_SCREENSHOT") == "1")
        {
            File.Copy(Path.Combine(Browser.ArtifactsDir(), "chat-desktop.png"), Path.Combine(TestRepository.Root, "docs", "screenshot.png"), overwrite: true);
        }

        // A reload comes back to the same conversation, from the data directory.
        await chat.Page.ReloadAsync();
        await chat.Page.Locator(".chat[data-interactive=true]").WaitForAsync();
        Assert.Equal(Question, await chat.Page.Locator(".question-text").InnerTextAsync());
        Assert.Equal(1, await chat.Page.Locator(".conversation-link.current").CountAsync());
    }

    [Fact]
    public async Task At_375_pixels_wide_a_starter_question_is_answered_without_sideways_scrolling()
    {
        await using var context = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 812 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            ColorScheme = ColorScheme.Dark,
        });
        var chat = new ChatPageDriver(await context.NewPageAsync());
        await chat.OpenAsync(fixture.App.BaseAddress);

        var starter = chat.Page.Locator("button.starter").First;
        var question = await starter.InnerTextAsync();
        await starter.ClickAsync();
        await chat.WaitForAnswerAsync(1);

        Assert.Equal(question, await chat.Page.Locator(".question-text").InnerTextAsync());
        Assert.True(await chat.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page must not scroll sideways at 375 px");
        await chat.Page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDir(), "chat-375px.png") });

        await chat.LastAnswer.Locator(".cite-chip").First.ClickAsync();
        var panel = chat.Page.Locator(".sources-panel");
        await panel.Locator("article.source.selected").WaitForAsync();
        var box = await panel.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width <= 375, $"the sources panel is {box.Width} px wide at 375 px");
        await chat.Page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ArtifactsDir(), "chat-375px-sources.png") });

        await chat.Page.Keyboard.PressAsync("Escape");
        await panel.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>One app (local embeddings, sample corpus) and one browser for the class.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private IPlaywright? _playwright;

        public RagAppHost App { get; } = new(localEmbeddings: true);

        public IBrowser Browser { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await App.StartAsync();
            (_playwright, Browser) = await EndToEnd.Tests.Browser.LaunchAsync();
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null) await Browser.DisposeAsync();
            _playwright?.Dispose();
            await App.DisposeAsync();
        }
    }
}
