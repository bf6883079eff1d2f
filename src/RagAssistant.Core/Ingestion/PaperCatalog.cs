using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Ingestion;

/// <summary>Folds entries into unique papers: the first entry of a paper wins, later ones only fill in what it lacks.</summary>
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
                papers[entry.Id] = first with
                {
                    Date = first.Date ?? entry.Date,
                    AuthorCount = first.AuthorCount ?? entry.AuthorCount,
                    Upvotes = first.Upvotes ?? entry.Upvotes,
                    Url = first.Url ?? entry.Url,
                };
            }
            else
            {
                papers[entry.Id] = entry;
                order.Add(entry.Id);
            }
        }
        return [.. order.Select(id => papers[id])];
    }
}
