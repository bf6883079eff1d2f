using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion;

/// <summary>
/// Folds entries into unique papers: the first entry of a paper wins, later ones only fill in what it lacks — except
/// that an entry with the paper's full text (a PDF) wins over entries with its abstract only (a Daily Papers page),
/// wherever it comes, and takes from them what it lacks.
/// </summary>
public static class PaperCatalog
{
    public static IReadOnlyList<Paper> Merge(IEnumerable<Paper> entries)
    {
        var papers = new Dictionary<string, Paper>();
        var order = new List<string>();
        foreach (var entry in entries)
        {
            if (papers.TryGetValue(entry.Id, out var first))
            {
                papers[entry.Id] = entry.Body is not null && first.Body is null ? Fill(entry, first) : Fill(first, entry);
            }
            else
            {
                papers[entry.Id] = entry;
                order.Add(entry.Id);
            }
        }
        return [.. order.Select(id => papers[id])];
    }

    /// <summary><paramref name="kept"/> with the metadata it lacks taken from <paramref name="other"/>, an entry of the same paper.</summary>
    public static Paper Fill(Paper kept, Paper other) => kept with
    {
        Date = kept.Date ?? other.Date,
        AuthorCount = kept.AuthorCount ?? other.AuthorCount,
        Upvotes = kept.Upvotes ?? other.Upvotes,
        Url = kept.Url ?? other.Url,
        Authors = kept.Authors.Count > 0 ? kept.Authors : other.Authors,
    };
}
