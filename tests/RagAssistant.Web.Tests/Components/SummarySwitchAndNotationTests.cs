using Bunit;
using RagAssistant.Contracts;

namespace RagAssistant.Web.Tests.Components;

/// <summary>What a reader sees of a paper's LaTeX, and the literature-summary switch across chats.</summary>
public sealed class SummarySwitchAndNotationTests : ChatPageContext
{
    private static readonly AnswerTimings Timings = new(1, 2, 3);

    private static readonly AnswerSource Co2 = new(1, "paper-co2", "Atmospheric Transport Modeling of CO$_2$ with Neural Networks", new DateOnly(2024, 8, 20), 6,
        "https://example.org/co2", "Accurately describing the distribution of CO_2 in the atmosphere matters. The SwinTransformer reaches (90-day R^2 > 0.99).", 0.91);

    [Fact]
    public async Task New_chat_turns_the_literature_summary_switch_off()
    {
        var page = RenderChat();
        await page.InvokeAsync(() => page.Find(".switch input").Change(true));
        await AskAsync(page, "Summarise the papers on CO2 transport");
        Assert.Equal(AnswerKind.Summary, (await Answers.Asked.WaitAsync(TimeSpan.FromSeconds(15))).Kind);
        Answers.Send(new SourcesEvent("CO2 transport", AnswerKind.Summary, [Co2]));
        Answers.Send(new TextDeltaEvent("**Transport**\n- The SwinTransformer reaches (90-day R^2 > 0.99) [1].\n"));
        Answers.Send(new DoneEvent("…", true, 0, 0, Timings));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));
        Assert.True(page.Find(".switch input").HasAttribute("checked"));

        await page.InvokeAsync(() => page.Find(".chat-toolbar .new-chat").Click());

        page.WaitForAssertion(() => Assert.False(page.Find(".switch input").HasAttribute("checked")));
    }

    [Fact]
    public async Task Titles_abstracts_quotes_and_the_markdown_export_show_latex_as_a_reader_expects()
    {
        var page = RenderChat();
        await page.InvokeAsync(() => page.Find(".switch input").Change(true));
        await AskAsync(page, "Summarise the papers on CO2 transport");
        await Answers.Asked.WaitAsync(TimeSpan.FromSeconds(15));
        Answers.Send(new SourcesEvent("CO2 transport", AnswerKind.Summary, [Co2]));
        Answers.Send(new TextDeltaEvent("**CO$_2$ transport**\n- Accurately describing the distribution of CO_2 in the atmosphere matters [1].\n\nReferences\n[1] Atmospheric Transport Modeling of CO$_2$ with Neural Networks\n"));
        Answers.Send(new CitationEvent(1, "paper-co2", "Accurately describing the distribution of CO_2 in the atmosphere matters.", true,
            "quoted: word for word from the abstract of [1]", CitationVerdicts.Quoted));
        Answers.Send(new DoneEvent("…", true, 0, 0, Timings));
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".conversation-link")));
        await page.InvokeAsync(() => page.Find(".cite-chip").Click());
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".sources-panel article.source.selected")));

        // Answer, chip tooltip, source pill (and its title attribute), sources panel: no dollar-delimited LaTeX, no CO_2.
        var shown = page.Find(".chat").TextContent + page.Find(".source-pill").GetAttribute("title");
        Assert.DoesNotMatch(@"\$[^$\s][^$]*\$", shown);
        Assert.DoesNotContain("CO_2", shown);
        Assert.DoesNotContain("R^2", shown);
        Assert.Contains("Atmospheric Transport Modeling of CO₂ with Neural Networks", page.Find(".cite-tip").TextContent);
        Assert.Contains("distribution of CO₂ in the atmosphere", page.Find(".answer-text").TextContent);
        Assert.Contains("(90-day R² > 0.99)", page.Find(".sources-panel .source-abstract").TextContent);

        await page.InvokeAsync(() => page.FindAll(".summary-actions button").Single(button => button.TextContent.Contains("Download .md")).Click());
        page.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, invocation => invocation.Identifier == "downloadText"));
        var markdown = (string)JSInterop.Invocations.Single(invocation => invocation.Identifier == "downloadText").Arguments[1]!;
        Assert.DoesNotMatch(@"\$[^$\s][^$]*\$", markdown);
        Assert.Contains("**CO₂ transport**", markdown);
        Assert.Contains("[1] Atmospheric Transport Modeling of CO₂ with Neural Networks (2024-08-20, 6 authors)", markdown);
    }
}
