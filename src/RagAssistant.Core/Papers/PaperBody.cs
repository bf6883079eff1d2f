namespace RagAssistant.Core.Papers;

/// <summary>
/// A paper's full text beyond its abstract, as read from its PDF: its sections in reading order. Only ingestion holds
/// it; the index keeps it as the paper's body chunks and sentences, each with its section and page.
/// </summary>
public sealed record PaperBody(IReadOnlyList<BodySection> Sections)
{
    /// <summary>Everything the body says, for the content hash: a change anywhere in it re-indexes the paper.</summary>
    public string Fingerprint => PaperIdentity.Hash(string.Join("\n", Sections.Select(section =>
        $"{section.Heading}\n{string.Join("\n", section.Text.Select(run => $"{run.Page}:{run.Text}"))}")));
}

/// <summary>One section: its heading as printed ("3.2 Results"; empty for text before the first heading) and its text, page by page.</summary>
public sealed record BodySection(string Heading, IReadOnlyList<PageText> Text);

/// <summary>Text of a section that stands on one page, in reading order; a sentence that runs on belongs to the page it starts on.</summary>
public sealed record PageText(int Page, string Text);
