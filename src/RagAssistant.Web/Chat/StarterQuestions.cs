using System.Text.RegularExpressions;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Web.Chat;

/// <summary>
/// Questions to start a chat with, drawn from the indexed papers so that every one has an answer: a few about
/// single well-received papers, and a literature summary on the topic most titles share. Recomputed only when
/// the number of papers changes.
/// </summary>
public sealed partial class StarterQuestions(IPaperIndex index)
{
    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "for", "and", "or", "in", "on", "with", "to", "via", "by", "from", "at", "as", "is", "are",
        "towards", "toward", "using", "based", "through", "into", "its", "their", "your", "our", "how", "what", "when", "why",
        "can", "do", "does", "new", "large", "all", "you", "we", "not", "more", "less", "better", "need", "be", "it",
    };

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (long Papers, IReadOnlyList<string> Questions)? _cached;

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*")]
    private static partial Regex Word();

    public async Task<IReadOnlyList<string>> SuggestAsync(int count, CancellationToken cancellationToken = default)
    {
        if (count <= 0) return [];
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var papers = await index.CountPapersAsync(cancellationToken);
            if (_cached is not { } cached || cached.Papers != papers)
            {
                var all = new List<Paper>();
                await foreach (var paper in index.ListPapersAsync(cancellationToken)) all.Add(paper);
                cached = (papers, Compose(all, count));
                _cached = cached;
            }
            return cached.Questions;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The questions for these papers; deterministic, so the page does not reshuffle between visits.</summary>
    public static IReadOnlyList<string> Compose(IReadOnlyList<Paper> papers, int count)
    {
        if (papers.Count == 0 || count <= 0) return [];
        var summary = Topic(papers) is { } topic ? $"Summarise what the papers say about {topic}" : null;
        var questions = papers
            .Select(paper => paper with { Title = Clean(paper.Title) })
            .Where(paper => paper.Title.Length is > 8 and <= 90)
            .OrderByDescending(paper => paper.Upvotes ?? 0)
            .ThenByDescending(paper => paper.Date ?? DateOnly.MinValue)
            .ThenBy(paper => paper.Id, StringComparer.Ordinal)
            .Select(paper => AskAbout(paper.Title))
            .Distinct()
            .Take(summary is null ? count : count - 1)
            .ToList();
        if (summary is not null) questions.Add(summary);
        return questions;
    }

    /// <summary>"Sapiens: Foundation for Human Vision Models" asks what Sapiens is; a plain title asks what is known about it.</summary>
    private static string AskAbout(string title)
    {
        var colon = title.IndexOf(':');
        if (colon > 0 && title[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3)
        {
            return $"What is {title[..colon].Trim()}, and what does it contribute?";
        }
        return $"What is known about {title}?";
    }

    /// <summary>The two-word phrase most titles share, such as "language models".</summary>
    private static string? Topic(IReadOnlyList<Paper> papers)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var paper in papers)
        {
            var words = Word().Matches(Clean(paper.Title)).Select(match => match.Value).ToList();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i + 1 < words.Count; i++)
            {
                if (Filler.Contains(words[i]) || Filler.Contains(words[i + 1]) || words[i].Length < 3 || words[i + 1].Length < 3) continue;
                var phrase = $"{words[i]} {words[i + 1]}".ToLowerInvariant();
                if (seen.Add(phrase)) counts[phrase] = counts.GetValueOrDefault(phrase) + 1;
            }
        }
        return counts.Where(pair => pair.Value >= 2).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key).FirstOrDefault();
    }

    private static string Clean(string title) => string.Join(' ', TexNotation.Readable(title).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
