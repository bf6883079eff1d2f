using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Chunking;

/// <summary>
/// Cuts an abstract into windows of whole sentences that, with the title in front, fit the
/// embedder's token budget — one window of the local model (254 word pieces for all-MiniLM-L6-v2). Windows do not
/// overlap: each sentence is embedded once, in the context of its title. Sentences are cut by the one
/// <see cref="SentenceSplitter"/> the writers use too, so a sentence the index keeps is a sentence an answer can quote.
/// A paper read with its full text gets the same windows over each section of its body after the abstract's, never
/// across two sections, each knowing its section and the page every sentence starts on (<see cref="ChunkPlace"/>).
/// </summary>
public sealed class AbstractChunker(ITokenCounter tokenCounter)
{
    public IReadOnlyList<Chunk> Chunk(Paper paper)
    {
        var chunks = new List<Chunk>(Chunk(paper.Id, paper.Title, SentenceSplitter.Split(paper.Abstract)));
        var budget = Budget(paper.Title);
        foreach (var section in paper.Body?.Sections ?? [])
        {
            Windows(chunks, paper.Id, paper.Title, PagedPieces(section, budget), budget, section.Heading);
        }
        return chunks;
    }

    /// <summary>
    /// Windows of sentences already cut: the same windows as a paper's abstract, for text that comes as sentences (the
    /// sentence-role classifier's training abstracts are encoded exactly as the index encodes a paper).
    /// </summary>
    public IReadOnlyList<Chunk> Chunk(string paperId, string title, IEnumerable<string> sentences)
    {
        var budget = Budget(title);
        var chunks = new List<Chunk>();
        Windows(chunks, paperId, title, Pieces(sentences, budget).Select(piece => (piece, 0)), budget, section: null);
        if (chunks.Count == 0) chunks.Add(new Chunk(paperId, 0, title, []));
        return chunks;
    }

    /// <summary>The tokens a window may hold beside its title.</summary>
    private int Budget(string title)
    {
        var budget = tokenCounter.MaxTokens - tokenCounter.CountTokens(title + "\n");
        // A title that leaves almost no room still gets a usable window; the model cuts off the excess.
        return Math.Max(budget, tokenCounter.MaxTokens / 4);
    }

    /// <summary>Adds the windows of <paramref name="pieces"/> to <paramref name="chunks"/>; with a section, each knows its place.</summary>
    private void Windows(List<Chunk> chunks, string paperId, string title, IEnumerable<(string Text, int Page)> pieces, int budget, string? section)
    {
        var window = new List<(string Text, int Page)>();
        var windowTokens = 0;
        foreach (var piece in pieces)
        {
            var tokens = tokenCounter.CountTokens(piece.Text);
            if (window.Count > 0 && windowTokens + tokens > budget)
            {
                chunks.Add(ChunkOf(window));
                window.Clear();
                windowTokens = 0;
            }
            window.Add(piece);
            windowTokens += tokens;
        }
        if (window.Count > 0) chunks.Add(ChunkOf(window));

        Chunk ChunkOf(List<(string Text, int Page)> sentences) =>
            new(paperId, chunks.Count, title, [.. sentences.Select(sentence => sentence.Text)])
            {
                Place = section is null ? null : new ChunkPlace(section, [.. sentences.Select(sentence => sentence.Page)]),
            };
    }

    /// <summary>
    /// The pieces of a section with the page each starts on: the section's text is split as one, so a sentence that
    /// runs over a page break stays whole and belongs to the page it starts on.
    /// </summary>
    private IEnumerable<(string Text, int Page)> PagedPieces(BodySection section, int budget)
    {
        var text = new System.Text.StringBuilder();
        var starts = new List<(int Offset, int Page)>();
        foreach (var run in section.Text)
        {
            var collapsed = string.Join(' ', run.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (collapsed.Length == 0) continue;
            if (text.Length > 0) text.Append(' ');
            starts.Add((text.Length, run.Page));
            text.Append(collapsed);
        }
        var joined = text.ToString();
        var cursor = 0;
        foreach (var piece in Pieces(SentenceSplitter.Split(joined), budget))
        {
            var at = joined.IndexOf(piece, cursor, StringComparison.Ordinal);
            if (at >= 0) cursor = at + piece.Length;
            var offset = at >= 0 ? at : cursor;
            yield return (piece, starts.Last(start => start.Offset <= offset).Page);
        }
    }

    /// <summary>The sentences, with any sentence longer than the budget cut into word runs that fit.</summary>
    private IEnumerable<string> Pieces(IEnumerable<string> sentences, int budget)
    {
        foreach (var sentence in sentences)
        {
            if (sentence.Length == 0) continue;
            if (tokenCounter.CountTokens(sentence) <= budget)
            {
                yield return sentence;
                continue;
            }
            var run = new List<string>();
            foreach (var word in sentence.Split(' '))
            {
                run.Add(word);
                if (run.Count > 1 && tokenCounter.CountTokens(string.Join(' ', run)) > budget)
                {
                    run.RemoveAt(run.Count - 1);
                    yield return string.Join(' ', run);
                    run = [word];
                }
            }
            if (run.Count > 0) yield return string.Join(' ', run);
        }
    }
}
