using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Chunking;

/// <summary>
/// Cuts an abstract into windows of whole sentences that, with the title in front, fit the
/// embedder's token budget — one window of the local model (254 word pieces for all-MiniLM-L6-v2). Windows do not
/// overlap: each sentence is embedded once, in the context of its title. Sentences are cut by the one
/// <see cref="SentenceSplitter"/> the writers use too, so a sentence the index keeps is a sentence an answer can quote.
/// </summary>
public sealed class AbstractChunker(ITokenCounter tokenCounter)
{
    public IReadOnlyList<Chunk> Chunk(Paper paper)
    {
        var budget = tokenCounter.MaxTokens - tokenCounter.CountTokens(paper.Title + "\n");
        // A title that leaves almost no room still gets a usable window; the model cuts off the excess.
        budget = Math.Max(budget, tokenCounter.MaxTokens / 4);

        var chunks = new List<Chunk>();
        var window = new List<string>();
        var windowTokens = 0;
        foreach (var piece in Pieces(paper.Abstract, budget))
        {
            var tokens = tokenCounter.CountTokens(piece);
            if (window.Count > 0 && windowTokens + tokens > budget)
            {
                chunks.Add(new Chunk(paper.Id, chunks.Count, paper.Title, [.. window]));
                window.Clear();
                windowTokens = 0;
            }
            window.Add(piece);
            windowTokens += tokens;
        }
        if (window.Count > 0 || chunks.Count == 0) chunks.Add(new Chunk(paper.Id, chunks.Count, paper.Title, [.. window]));
        return chunks;
    }

    /// <summary>The sentences of the text, with any sentence longer than the budget cut into word runs that fit.</summary>
    private IEnumerable<string> Pieces(string text, int budget)
    {
        foreach (var sentence in SentenceSplitter.Split(text))
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
