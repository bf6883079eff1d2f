using Bunit;
using RagAssistant.Web.Components.Markdown;

namespace RagAssistant.Web.Tests.Components;

public sealed class MarkdownViewTests : BunitContext
{
    [Fact]
    public void A_script_tag_in_an_answer_is_shown_as_text_and_never_becomes_an_element()
    {
        var view = Render<MarkdownView>(parameters => parameters.Add(p => p.Text,
            "Look <script>alert('x')</script> here\n\n<img src=x onerror=alert(1)>\n\n<div onclick=\"alert(1)\">**bold**</div>"));

        Assert.Empty(view.FindAll("script"));
        Assert.Empty(view.FindAll("img"));
        Assert.Empty(view.FindAll("div[onclick]"));
        Assert.Contains("<script>alert('x')</script>", view.Find(".markdown").TextContent);
        Assert.Contains("&lt;script&gt;", view.Markup);
    }

    [Fact]
    public void Links_are_followed_only_to_the_web_and_images_are_not_fetched()
    {
        var view = Render<MarkdownView>(parameters => parameters.Add(p => p.Text,
            "[safe](https://arxiv.org/abs/1) [bad](javascript:alert(1)) [data](data:text/html,hi) ![pixel](https://tracker.example/p.gif)"));

        var link = Assert.Single(view.FindAll("a"));
        Assert.Equal("https://arxiv.org/abs/1", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Empty(view.FindAll("img"));
        Assert.Contains("bad", view.Find(".markdown").TextContent);
    }

    [Fact]
    public void Markdown_structure_renders_and_every_citation_marker_reaches_the_template_in_order()
    {
        var markers = new List<CitationMarker>();
        var view = Render<MarkdownView>(parameters => parameters
            .Add(p => p.Text, "**Theme**\n- First claim [1].\n- Second claim [2][1].\n\nReferences\n[1] A paper\n[2] Another")
            .Add(p => p.Citation, marker =>
            {
                markers.Add(marker);
                return builder => builder.AddMarkupContent(0, $"<sup class=\"c\">{marker.N}</sup>");
            }));

        Assert.Equal("Theme", view.Find("strong").TextContent);
        Assert.Equal(2, view.FindAll("li").Count);
        Assert.Equal(5, view.FindAll("sup.c").Count);
        Assert.Equal([new(1, 0), new(2, 0), new(1, 1), new(1, 2), new(2, 1)], markers);
        Assert.Equal(2, view.FindAll("br").Count);
    }
}
