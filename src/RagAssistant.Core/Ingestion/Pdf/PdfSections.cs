using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion.Pdf;

/// <summary>
/// The body of a paper, from where its front matter ends: running text in reading order, cut into sections at its
/// headings, each section's text kept page by page. Captions, footnotes, tables, page numbers and running heads are
/// left out (they are not set in the body's size, or say what they are), and so is the reference list; appendices
/// after it are kept.
/// </summary>
internal static class PdfSections
{
    /// <param name="pages">Every page's blocks in reading order; the first page's from <paramref name="bodyStart"/> on are the body's.</param>
    public static IReadOnlyList<BodySection> Read(IReadOnlyList<IReadOnlyList<PdfBlock>> pages, int bodyStart, double bodySize, IReadOnlySet<string> hyphenatedWords)
    {
        var sections = new List<(string Heading, List<PageText> Text)>();
        var current = ("", new List<PageText>());
        var inReferences = false;
        var blocks = pages.SelectMany((page, p) => p == 0 ? page.Skip(bodyStart) : page).ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (PdfHeadings.IsHeading(block, bodySize, i + 1 < blocks.Count ? blocks[i + 1] : null))
            {
                var heading = block.Text.Trim();
                if (inReferences && !PdfHeadings.IsAppendix(heading)) continue;
                inReferences = PdfHeadings.IsReferenceList(heading);
                if (current.Item2.Count > 0 || current.Item1.Length > 0) sections.Add(current);
                current = (heading, []);
                continue;
            }
            if (inReferences || !IsRunningText(block, bodySize)) continue;
            Append(current.Item2, block.Page, block.RunningText(hyphenatedWords), hyphenatedWords);
        }
        if (current.Item2.Count > 0) sections.Add(current);
        // A heading straight followed by a subheading keeps its (empty) section: the outline is the paper's.
        return [.. sections.Where(section => !PdfHeadings.IsReferenceList(section.Heading))
            .Select(section => new BodySection(section.Heading, section.Text))];
    }

    private static bool IsRunningText(PdfBlock block, double bodySize) =>
        Math.Abs(block.Size - bodySize) <= 0.6 && !PdfHeadings.IsCaption(block) && !PdfHeadings.IsPageNumber(block) && block.Text.Any(char.IsLetter);

    /// <summary>
    /// Adds a block's text to its page's run. A word broken across two blocks (a column or page break) is made whole
    /// on the page where it starts.
    /// </summary>
    private static void Append(List<PageText> runs, int page, string text, IReadOnlySet<string> hyphenatedWords)
    {
        if (runs.Count > 0 && runs[^1].Page == page)
        {
            runs[^1] = runs[^1] with { Text = PdfText.JoinLines([runs[^1].Text, text], hyphenatedWords) };
            return;
        }
        if (runs.Count > 0 && PdfText.JoinLines([runs[^1].Text, text], hyphenatedWords) is var joined
            && joined.Length < runs[^1].Text.Length + 1 + text.Length)
        {
            // The hyphen was dropped: the broken word's second half moves back to the page it started on.
            var firstWord = text.TrimStart().Split(' ', 2);
            runs[^1] = runs[^1] with { Text = PdfText.JoinLines([runs[^1].Text, firstWord[0]], hyphenatedWords) };
            text = firstWord.Length > 1 ? firstWord[1] : "";
            if (text.Length == 0) return;
        }
        runs.Add(new PageText(page, text));
    }
}
