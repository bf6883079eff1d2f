using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Core.Indexing;

/// <summary>
/// What an entry does to a paper the index already holds under its id when one of them has the full text. A PDF's
/// paper replaces the abstract-only paper (a Daily Papers entry of it) and keeps the metadata only that one had
/// (upvotes, a date); an abstract-only entry never replaces a paper indexed from its PDF, so indexing the pages again
/// leaves the full text in place. Within one run, <see cref="PaperCatalog"/> applies the same rule.
/// </summary>
internal static class FullTextPrecedence
{
    /// <summary>The papers still to write, of <paramref name="changed"/> (whose content hash differs from the stored one).</summary>
    public static async Task<List<Paper>> ReconcileAsync(
        IPaperIndex index, List<Paper> changed, IReadOnlyDictionary<string, string> storedHashes, CancellationToken cancellationToken)
    {
        var updates = changed.Where(paper => storedHashes.ContainsKey(paper.Id)).Select(paper => paper.Id).ToList();
        if (updates.Count == 0) return changed;
        var stored = (await index.GetPapersAsync(updates, cancellationToken)).ToDictionary(paper => paper.Id, StringComparer.Ordinal);
        var toWrite = new List<Paper>(changed.Count);
        foreach (var paper in changed)
        {
            if (!stored.TryGetValue(paper.Id, out var existing))
            {
                toWrite.Add(paper);
            }
            else if (paper.Body is null)
            {
                if (!existing.HasFullText) toWrite.Add(paper);
            }
            else if (PaperCatalog.Fill(paper, existing) is var filled && filled.ContentHash != storedHashes[paper.Id])
            {
                toWrite.Add(filled);
            }
        }
        return toWrite;
    }
}
