using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Conversations;

namespace RagAssistant.Web.Tests.Components;

public sealed class ChatPageTests : ChatPageContext
{
    private static readonly AnswerTimings Timings = new(1, 2, 3);

    [Fact]
    public async Task Streaming_text_appears_piece_by_piece_as_events_arrive()
    {
        var page = RenderChat();
        await AskAsync(page, "How do neural networks model CO2 transport?");
        page.WaitForAssertion(() => Assert.Contains("Searching the papers", page.Find(".answer").TextContent));

        Answers.Send(new SourcesEvent("neural networks CO2 transport", AnswerKind.Answer, TwoSources));
        Answers.Send(new TextDeltaEvent("Large deep neural networks"));
        page.WaitForAssertion(() => Assert.Equal("Large deep neural networks", AnswerText(page)));
        Assert.Single(page.FindAll("button.button-stop"));

        Answers.Send(new TextDeltaEvent(" are poised to revolutionize weather prediction."));
        page.WaitForAssertion(() => Assert.Equal("Large deep neural networks are poised to revolutionize weather prediction.", AnswerText(page)));
        Assert.Equal("true", page.Find(".messages").GetAttribute("aria-busy"));

        Answers.Send(new DoneEvent("Large deep neural networks are poised to revolutionize weather prediction.", true, 0, 0, Timings));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("button.button-stop")));
        Assert.Equal("answered", page.Find("article.answer").GetAttribute("data-outcome"));
        Assert.Equal("false", page.Find(".messages").GetAttribute("aria-busy"));
        Assert.Equal("How do neural networks model CO2 transport?", Answers.Request?.Question);
    }

    [Fact]
    public async Task Citation_chips_render_from_the_events_and_open_the_sources_panel()
    {
        var page = RenderChat();
        await AskAsync(page, "What is CarbonBench?");
        Answers.Send(new SourcesEvent("CarbonBench", AnswerKind.Answer, TwoSources));
        Answers.Send(new TextDeltaEvent("We assemble the CarbonBench dataset for emulators [1]. "));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".cite-chip")));
        // Before its check arrives, a chip is pending.
        Assert.Single(page.FindAll(".cite-pending"));

        Answers.Send(new CitationEvent(1, "paper-co2", "We assemble the CarbonBench dataset for emulators.", true,
            "quoted: word for word from the abstract of [1]", CitationVerdicts.Quoted));
        Answers.Send(new TextDeltaEvent("Meta learning helps with everything [2]."));
        Answers.Send(new CitationEvent(2, "paper-ham", "Meta learning helps with everything.", false,
            "unsupported: 33% of its terms occur in the abstract of [2]", CitationVerdicts.Unsupported, 0.41));
        Answers.Send(new DoneEvent("…", true, 0, 1, Timings));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("button.button-stop")));

        var verified = page.Find(".cite-verified");
        Assert.Equal("1", verified.QuerySelector(".cite-chip")!.GetAttribute("data-n"));
        Assert.Equal("paper-co2", verified.QuerySelector(".cite-chip")!.GetAttribute("data-paper-id"));
        var tip = verified.QuerySelector("[role=tooltip]")!;
        Assert.Contains("Atmospheric Transport Modeling of CO2 with Neural Networks", tip.TextContent);
        Assert.Contains("Aug 20, 2024 · 6 authors", tip.TextContent);
        Assert.Contains("We assemble the CarbonBench dataset for emulators.", tip.TextContent);
        Assert.Contains("✓ Quoted: word for word from the abstract of [1]", tip.TextContent);
        Assert.Equal("quoted", verified.GetAttribute("data-verdict"));
        Assert.Equal(tip.Id, verified.QuerySelector(".cite-chip")!.GetAttribute("aria-describedby"));

        var unverified = page.Find(".cite-unverified");
        Assert.Contains("⚠ Unsupported: 33% of its terms occur in the abstract of [2]", unverified.TextContent);
        Assert.Contains("(unsupported)", unverified.QuerySelector(".cite-chip")!.GetAttribute("aria-label"));

        // Once the conversation is saved (and listed), the page has finished with this answer.
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));
        await page.InvokeAsync(() => page.Find(".cite-verified .cite-chip").Click());
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".sources-panel article.source.selected")));
        var selected = page.Find(".sources-panel article.source.selected");
        Assert.Equal("paper-co2", selected.GetAttribute("data-paper-id"));
        Assert.Contains("Large deep neural networks are poised to revolutionize weather prediction.", selected.TextContent);
        Assert.Equal("We assemble the CarbonBench dataset for emulators.", selected.QuerySelector("mark")!.TextContent);
        Assert.Equal("https://example.org/co2", selected.QuerySelector(".source-title a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task In_agent_mode_the_sources_that_grow_while_the_model_searches_back_the_chips_that_cite_them()
    {
        var page = RenderChat();
        await AskAsync(page, "Which papers use graph neural networks?");
        // Agent mode: sources first (none yet), then again each time a tool finds papers, earlier numbers unchanged.
        Answers.Send(new SourcesEvent("graph neural networks", AnswerKind.Answer, []));
        Answers.Send(new SourcesEvent("graph neural networks", AnswerKind.Answer, [TwoSources[0]]));
        Answers.Send(new SourcesEvent("graph neural networks", AnswerKind.Answer, TwoSources));
        Answers.Send(new TextDeltaEvent("We model our system with a graph neural network [2]."));
        Answers.Send(new CitationEvent(2, "paper-ham", "We model our system with a graph neural network.", true,
            "quoted: word for word from the abstract of [2]", CitationVerdicts.Quoted));
        Answers.Send(new DoneEvent("We model our system with a graph neural network [2].", true, 0, 0, Timings));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));

        var chip = page.Find(".cite-verified .cite-chip");
        Assert.Equal("paper-ham", chip.GetAttribute("data-paper-id"));
        Assert.Contains("Cross Domain Generalization of Hamiltonian Representation", page.Find(".cite-verified [role=tooltip]").TextContent);
        await page.InvokeAsync(() => chip.Click());
        page.WaitForAssertion(() => Assert.Equal("paper-ham", page.Find(".sources-panel article.source.selected").GetAttribute("data-paper-id")));
        Assert.Equal(2, page.FindAll(".sources-panel article.source").Count);
    }

    [Fact]
    public async Task Stop_cancels_the_answer_stream_and_keeps_what_was_shown()
    {
        var page = RenderChat();
        await AskAsync(page, "Tell me about Hamiltonian dynamics");
        Answers.Send(new SourcesEvent("Hamiltonian dynamics", AnswerKind.Answer, TwoSources));
        Answers.Send(new TextDeltaEvent("We model our system"));
        page.WaitForAssertion(() => Assert.Equal("We model our system", AnswerText(page)));
        Assert.False(Answers.Token.IsCancellationRequested);

        await page.InvokeAsync(() => page.Find("button.button-stop").Click());

        page.WaitForAssertion(() => Assert.True(Answers.Token.IsCancellationRequested));
        page.WaitForAssertion(() => Assert.Equal("stopped", page.Find("article.answer").GetAttribute("data-outcome")));
        Assert.Equal("We model our system", AnswerText(page));
        Assert.Empty(page.FindAll("button.button-stop"));
        Assert.Single(page.FindAll("button.button-send"));
    }

    [Fact]
    public async Task A_literature_summary_offers_copy_and_download_with_its_references()
    {
        var page = RenderChat();
        await page.InvokeAsync(() => page.Find(".switch input").Change(true));
        await AskAsync(page, "Summarise the papers on neural networks");
        Assert.Equal(AnswerKind.Summary, (await Answers.Asked.WaitAsync(TimeSpan.FromSeconds(15))).Kind);
        Answers.Send(new SourcesEvent("neural networks", AnswerKind.Summary, TwoSources));
        Answers.Send(new TextDeltaEvent("**Weather**\n- Networks revolutionize weather prediction [1].\n\nReferences\n[1] Atmospheric Transport\n"));
        Answers.Send(new DoneEvent("…", true, 0, 0, Timings));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".summary-actions button").Count));
        Assert.Contains("Literature summary", page.Find(".answer-label").TextContent);

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));
        await page.InvokeAsync(() => page.FindAll(".summary-actions button").Single(button => button.TextContent.Contains("Download .md")).Click());
        page.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, invocation => invocation.Identifier == "downloadText"));

        var download = JSInterop.Invocations.Single(invocation => invocation.Identifier == "downloadText");
        Assert.Equal("summary-summarise-the-papers-on-neural-networks.md", download.Arguments[0]);
        var markdown = (string)download.Arguments[1]!;
        Assert.StartsWith("# Summarise the papers on neural networks", markdown);
        Assert.Contains("## References", markdown);
        Assert.Contains("[1] Atmospheric Transport Modeling of CO2 with Neural Networks (2024-08-20, 6 authors). <https://example.org/co2>", markdown);
        Assert.Contains("[2] Cross Domain Generalization of Hamiltonian Representation (2024-09-06, 4 authors)", markdown);
    }

    [Fact]
    public async Task A_finished_conversation_is_kept_and_listed_in_the_sidebar()
    {
        var page = RenderChat();
        await AskAndFinishAsync(page);

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));
        Assert.Contains("What is CarbonBench?", page.Find(".conversation-link").TextContent);
        var href = page.Find(".conversation-link").GetAttribute("href")!;
        Assert.EndsWith(href, Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);

        // A reload of that address renders the conversation from the store.
        var reloaded = Render<RagAssistant.Web.Components.Pages.Chat.ChatPage>(parameters => parameters
            .Add(p => p.ConversationId, href["c/".Length..]));
        reloaded.WaitForAssertion(() => Assert.StartsWith("A benchmark", reloaded.Find(".answer-text").TextContent.Trim()));
        Assert.Equal("paper-co2", reloaded.Find(".answer-text .cite-chip").GetAttribute("data-paper-id"));
        Assert.Equal("What is CarbonBench?", reloaded.Find(".question-text").TextContent);
    }

    [Fact]
    public async Task Deleting_the_conversation_on_screen_from_the_sidebar_forgets_it_and_starts_a_new_chat()
    {
        var page = RenderChat();
        await AskAndFinishAsync(page);
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));
        var id = page.Find(".conversation-link").GetAttribute("href")!["c/".Length..];

        await page.InvokeAsync(() => page.Find("button.conversation-delete").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".conversation-link")));
        Assert.Empty(page.FindAll("article.answer"));
        Assert.Equal("New chat", page.Find("#chat-heading").TextContent);
        Assert.Null(await Services.GetRequiredService<ConversationService>().FindAsync(Caller.Current!.Owner, id));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(DataDir, FileConversationStore.FolderName), "*", SearchOption.AllDirectories));
    }

    private static string AnswerText(IRenderedComponent<RagAssistant.Web.Components.Pages.Chat.ChatPage> page) =>
        page.Find(".answer-text").TextContent.Trim();

    /// <summary>One whole exchange about CarbonBench, citing [1], as the sidebar tests need it.</summary>
    private async Task AskAndFinishAsync(IRenderedComponent<RagAssistant.Web.Components.Pages.Chat.ChatPage> page)
    {
        await AskAsync(page, "What is CarbonBench?");
        Answers.Send(new SourcesEvent("CarbonBench", AnswerKind.Answer, TwoSources));
        Answers.Send(new TextDeltaEvent("A benchmark [1]."));
        Answers.Send(new DoneEvent("A benchmark [1].", true, 0, 0, Timings));
    }
}
