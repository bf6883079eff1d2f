using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RagAssistant.EndToEnd.Tests;

/// <summary>What a reader sees of answers in Chromium: formulas as text, tooltips in view, titles not cut short, the summary switch.</summary>
public sealed partial class ChatInBrowserTests
{
    [GeneratedRegex(@"\$[^$\s][^$]*\$")]
    private static partial Regex DollarMath();

    [Fact]
    public async Task No_latex_reaches_a_reader_and_CO2_finds_the_CO2_paper_on_the_papers_page()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 860 }, AcceptDownloads = true });
        var chat = new ChatPageDriver(await context.NewPageAsync());
        await chat.OpenAsync(fixture.App.BaseAddress);

        await chat.Page.Locator(".switch").ClickAsync();
        await chat.AskAsync("Summarise what the papers say about atmospheric CO2 transport");
        await chat.WaitForAnswerAsync(1);
        await chat.LastAnswer.Locator(".cite-chip").First.ClickAsync();
        await chat.Page.Locator(".sources-panel article.source.selected").WaitForAsync();

        // Everything on the page, the hidden tooltips and the pills' title attributes included.
        var shown = await chat.Page.EvaluateAsync<string>(
            "() => document.querySelector('.chat').textContent + [...document.querySelectorAll('[title]')].map(e => e.title).join(' ')");
        Assert.DoesNotMatch(DollarMath(), shown);
        Assert.DoesNotContain("CO_2", shown);
        Assert.Contains("Atmospheric Transport Modeling of CO₂ with Neural Networks", shown);

        var download = await chat.Page.RunAndWaitForDownloadAsync(() => chat.LastAnswer.Locator(".summary-actions button", new() { HasText = "Download .md" }).ClickAsync());
        var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.DoesNotMatch(DollarMath(), markdown);
        Assert.Contains("Atmospheric Transport Modeling of CO₂ with Neural Networks", markdown);

        // A new chat answers directly again: the switch does not carry over.
        await chat.NewChatAsync();
        Assert.False(await chat.Page.Locator(".switch input").IsCheckedAsync());

        await chat.Page.GotoAsync(new Uri(fixture.App.BaseAddress, "papers").ToString());
        await chat.Page.Locator(".papers-page[data-interactive=true]").WaitForAsync();
        await chat.Page.Locator("#paper-filter").FillAsync("CO2");
        var row = chat.Page.Locator(".papers-grid tbody tr", new() { HasText = "Atmospheric Transport Modeling of CO₂ with Neural Networks" });
        await row.WaitForAsync();
        Assert.Equal("000_e2b3ed51cc1e3e6f.txt", (await row.Locator("td.col-from").InnerTextAsync()).Trim());
        Assert.DoesNotMatch(DollarMath(), await chat.Page.Locator(".papers-grid").TextContentAsync() ?? "");
    }

    [Fact]
    public async Task A_citation_tooltip_near_the_top_of_the_answers_opens_below_its_chip_in_full_view()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 700 } });
        var chat = new ChatPageDriver(await context.NewPageAsync());
        await chat.OpenAsync(fixture.App.BaseAddress);
        await chat.AskAsync("Which architecture worked best for emulating CO2 transport?");
        await chat.WaitForAnswerAsync(1);

        // The first chip scrolled to just under the toolbar, where a tooltip opening upwards would be cut off.
        var chip = chat.LastAnswer.Locator(".cite-chip").First;
        await chat.Page.EvaluateAsync("""
            () => {
              const list = document.querySelector('.messages');
              const chip = list.querySelector('.answer .cite-chip');
              list.style.scrollBehavior = 'auto';
              list.scrollTop += chip.getBoundingClientRect().top - list.getBoundingClientRect().top - 8;
            }
            """);
        await chip.HoverAsync();
        var tip = chat.LastAnswer.Locator(".cite-tip").First;
        await tip.WaitForAsync(new() { State = WaitForSelectorState.Visible });

        var tipBox = (await tip.BoundingBoxAsync())!;
        var listBox = (await chat.Page.Locator(".messages").BoundingBoxAsync())!;
        var chipBox = (await chip.BoundingBoxAsync())!;
        Assert.True(tipBox.Y >= listBox.Y, $"the tooltip starts at {tipBox.Y:0} px, above the answers' top at {listBox.Y:0} px");
        Assert.True(tipBox.Y + tipBox.Height <= listBox.Y + listBox.Height, "the tooltip runs past the bottom of the answers");
        Assert.True(tipBox.Y >= chipBox.Y + chipBox.Height, "near the top, the tooltip opens below its chip");
    }

    [Fact]
    public async Task Source_pills_show_whole_titles_where_the_row_has_room()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 860 } });
        var chat = new ChatPageDriver(await context.NewPageAsync());
        await chat.OpenAsync(fixture.App.BaseAddress);
        await chat.AskAsync("Which architecture worked best for emulating CO2 transport?");
        await chat.WaitForAnswerAsync(1);

        // Each title is either shown whole, or cut only where it meets the edge of the row.
        var pills = await chat.Page.EvaluateAsync<PillFit[]>("""
            () => [...document.querySelectorAll('.source-pill')].map(pill => {
              const title = pill.querySelector('.source-pill-title');
              const row = pill.closest('.source-pills').getBoundingClientRect();
              return { Text: title.textContent, Whole: title.scrollWidth <= title.clientWidth + 1, FillsRow: pill.getBoundingClientRect().width >= row.width - 2 };
            })
            """);
        Assert.NotEmpty(pills);
        Assert.All(pills, pill => Assert.True(pill.Whole || pill.FillsRow, $"\"{pill.Text}\" is cut short with room to spare"));
        Assert.Contains(pills, pill => pill.Whole && pill.Text.Length > 40);
    }

    /// <summary>One pill as measured in the page (Playwright fills it by property name).</summary>
    private sealed class PillFit
    {
        public string Text { get; set; } = "";

        public bool Whole { get; set; }

        public bool FillsRow { get; set; }
    }
}
