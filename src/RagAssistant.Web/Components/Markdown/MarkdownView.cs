using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace RagAssistant.Web.Components.Markdown;

/// <summary>
/// Renders Markdown straight into Blazor's render tree rather than through an HTML string: every piece of text is
/// a text node (so nothing in it can become markup), and each citation is a live component from
/// <see cref="Citation"/>, with its number and how many times that number appeared before it.
/// </summary>
public sealed class MarkdownView : ComponentBase
{
    [Parameter, EditorRequired] public string Text { get; set; } = "";

    [Parameter] public RenderFragment<CitationMarker>? Citation { get; set; }

    [Parameter] public string? CssClass { get; set; }

    private Dictionary<int, int> _occurrences = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        _occurrences = [];
        var document = AnswerMarkdown.Parse(Text);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", CssClass is null ? "markdown" : $"markdown {CssClass}");
        foreach (var block in document) Block(builder, block, tight: false);
        builder.CloseElement();
    }

    private void Block(RenderTreeBuilder builder, Block block, bool tight)
    {
        builder.OpenRegion(10);
        switch (block)
        {
            case ParagraphBlock paragraph when tight:
                Inlines(builder, paragraph.Inline);
                break;
            case ParagraphBlock paragraph:
                builder.OpenElement(0, "p");
                Inlines(builder, paragraph.Inline);
                builder.CloseElement();
                break;
            case HeadingBlock heading:
                // An answer sits under the page's own headings, so its levels start lower.
                builder.OpenElement(1, $"h{Math.Min(heading.Level + 2, 6)}");
                Inlines(builder, heading.Inline);
                builder.CloseElement();
                break;
            case ListBlock list:
                builder.OpenElement(2, list.IsOrdered ? "ol" : "ul");
                if (list.IsOrdered && int.TryParse(list.OrderedStart, out var start) && start != 1) builder.AddAttribute(3, "start", start);
                foreach (var item in list)
                {
                    builder.OpenElement(4, "li");
                    foreach (var child in (ListItemBlock)item) Block(builder, child, tight: !list.IsLoose);
                    builder.CloseElement();
                }
                builder.CloseElement();
                break;
            case QuoteBlock quote:
                builder.OpenElement(5, "blockquote");
                foreach (var child in quote) Block(builder, child, tight: false);
                builder.CloseElement();
                break;
            case CodeBlock code:
                builder.OpenElement(6, "pre");
                builder.OpenElement(7, "code");
                builder.AddContent(8, Restore(code.Lines.ToString()));
                builder.CloseElement();
                builder.CloseElement();
                break;
            case ThematicBreakBlock:
                builder.OpenElement(9, "hr");
                builder.CloseElement();
                break;
            case LinkReferenceDefinitionGroup:
                break;
            case ContainerBlock container:
                foreach (var child in container) Block(builder, child, tight);
                break;
            case LeafBlock leaf:
                // Anything else (an HTML block cannot occur with HTML disabled) is shown as its text.
                builder.OpenElement(11, "p");
                Literal(builder, leaf.Lines.ToString());
                builder.CloseElement();
                break;
        }
        builder.CloseRegion();
    }

    private void Inlines(RenderTreeBuilder builder, ContainerInline? container)
    {
        if (container is null) return;
        foreach (var inline in container) Inline(builder, inline);
    }

    private void Inline(RenderTreeBuilder builder, Inline inline)
    {
        builder.OpenRegion(20);
        switch (inline)
        {
            case LiteralInline literal:
                Literal(builder, literal.Content.ToString());
                break;
            case EmphasisInline emphasis:
                builder.OpenElement(0, emphasis.DelimiterCount >= 2 ? "strong" : "em");
                Inlines(builder, emphasis);
                builder.CloseElement();
                break;
            case CodeInline code:
                builder.OpenElement(1, "code");
                builder.AddContent(2, Restore(code.Content));
                builder.CloseElement();
                break;
            case LineBreakInline:
                // Chat answers put one reference per line, so a single line break is kept.
                builder.OpenElement(3, "br");
                builder.CloseElement();
                break;
            case LinkInline link when !link.IsImage && AnswerMarkdown.IsSafeUrl(link.Url):
                builder.OpenElement(4, "a");
                builder.AddAttribute(5, "href", link.Url);
                builder.AddAttribute(6, "target", "_blank");
                builder.AddAttribute(7, "rel", "noopener noreferrer nofollow");
                Inlines(builder, link);
                builder.CloseElement();
                break;
            case LinkInline link:
                // Images are not fetched and unsafe links are not followed: both show their text.
                Inlines(builder, link);
                break;
            case AutolinkInline autolink:
                var url = autolink.IsEmail ? $"mailto:{autolink.Url}" : autolink.Url;
                if (AnswerMarkdown.IsSafeUrl(url))
                {
                    builder.OpenElement(8, "a");
                    builder.AddAttribute(9, "href", url);
                    builder.AddAttribute(10, "rel", "noopener noreferrer nofollow");
                    builder.AddContent(11, autolink.Url);
                    builder.CloseElement();
                }
                else
                {
                    builder.AddContent(12, autolink.Url);
                }
                break;
            case HtmlEntityInline entity:
                builder.AddContent(13, entity.Transcoded.ToString());
                break;
            case HtmlInline html:
                builder.AddContent(14, html.Tag);
                break;
            case DelimiterInline delimiter:
                Literal(builder, delimiter.ToLiteral());
                Inlines(builder, delimiter);
                break;
            case ContainerInline container:
                Inlines(builder, container);
                break;
        }
        builder.CloseRegion();
    }

    private void Literal(RenderTreeBuilder builder, string text)
    {
        foreach (var (plain, citation) in AnswerMarkdown.SplitCitations(text))
        {
            if (plain is not null)
            {
                builder.AddContent(0, plain);
            }
            else if (citation is { } n)
            {
                var occurrence = _occurrences.GetValueOrDefault(n);
                _occurrences[n] = occurrence + 1;
                if (Citation is null)
                {
                    builder.AddContent(1, $"[{n}]");
                }
                else
                {
                    builder.AddContent(2, Citation(new CitationMarker(n, occurrence)));
                }
            }
        }
    }

    /// <summary>Inside code, a citation is just text again.</summary>
    private static string Restore(string text) =>
        text.Replace(AnswerMarkdown.CitationStart, '[').Replace(AnswerMarkdown.CitationEnd, ']');
}

/// <summary>The <paramref name="Occurrence"/>-th (0-based) appearance of <c>[N]</c> in one answer.</summary>
public sealed record CitationMarker(int N, int Occurrence);
