using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Core.Orchestration.Events;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// Groups the sources of a literature summary into themes: greedy single-pass clustering on the similarity
/// of titles (the local encoder's cosine, or shared title-and-abstract terms without it), labelled with the
/// title words that are common inside a theme and rare outside it.
/// </summary>
internal sealed class ThemeGrouper(IEmbeddingGenerator<string, Embedding<float>>? embedder)
{
    public const int MaxThemes = 4;

    // Titles of papers on one subject score about this much with the local encoder; term overlap is sparser.
    private const double CosineThreshold = 0.45;
    private const double JaccardThreshold = 0.12;

    public async Task<IReadOnlyList<Theme>> GroupAsync(IReadOnlyList<AnswerSource> sources, IReadOnlyList<string> queryTerms, CancellationToken cancellationToken)
    {
        var similarity = await SimilarityAsync(sources, cancellationToken);
        var threshold = embedder is null ? JaccardThreshold : CosineThreshold;
        var groups = new List<List<int>>();
        for (var i = 0; i < sources.Count; i++)
        {
            var (nearest, score) = groups
                .Select((group, g) => (g, score: group.Average(member => similarity[i, member])))
                .OrderByDescending(entry => entry.score)
                .FirstOrDefault((-1, double.MinValue));
            if (nearest >= 0 && (score >= threshold || groups.Count == MaxThemes)) groups[nearest].Add(i);
            else groups.Add([i]);
        }

        var titleTerms = sources.Select(source => QuestionTerms.Of(source.Title).ToHashSet()).ToList();
        return [.. groups.Select(group => new Theme(
            Label(group, titleTerms, sources, queryTerms),
            [.. group.Select(i => sources[i])]))];
    }

    private async Task<double[,]> SimilarityAsync(IReadOnlyList<AnswerSource> sources, CancellationToken cancellationToken)
    {
        var matrix = new double[sources.Count, sources.Count];
        if (embedder is not null)
        {
            var vectors = await embedder.GenerateAsync(sources.Select(source => source.Title), cancellationToken: cancellationToken);
            for (var i = 0; i < sources.Count; i++)
            for (var j = 0; j < sources.Count; j++)
                matrix[i, j] = TensorPrimitives.CosineSimilarity(vectors[i].Vector.Span, vectors[j].Vector.Span);
            return matrix;
        }
        var terms = sources.Select(source => QuestionTerms.Of($"{source.Title} {source.Abstract}").ToHashSet()).ToList();
        for (var i = 0; i < sources.Count; i++)
        for (var j = 0; j < sources.Count; j++)
        {
            var shared = terms[i].Count(terms[j].Contains);
            var union = terms[i].Count + terms[j].Count - shared;
            matrix[i, j] = union == 0 ? 0 : (double)shared / union;
        }
        return matrix;
    }

    /// <summary>Up to three title words frequent in the theme and rare in the others, in their original spelling.</summary>
    private static string Label(List<int> group, List<HashSet<string>> titleTerms, IReadOnlyList<AnswerSource> sources, IReadOnlyList<string> queryTerms)
    {
        var inside = group.SelectMany(i => titleTerms[i]).CountBy(term => term).ToDictionary();
        var outside = Enumerable.Range(0, sources.Count).Except(group).SelectMany(i => titleTerms[i]).CountBy(term => term).ToDictionary();
        var picked = inside
            .Select(pair => (term: pair.Key, score: pair.Value - 0.5 * outside.GetValueOrDefault(pair.Key) - (queryTerms.Contains(pair.Key) ? 0.25 : 0)))
            .OrderByDescending(entry => entry.score)
            .ThenBy(entry => entry.term, StringComparer.Ordinal)
            .Take(3)
            .Select(entry => SurfaceWord(entry.term, group.Select(i => sources[i].Title)))
            .ToList();
        if (picked.Count == 0) return "Related work";
        var label = string.Join(", ", picked);
        return char.ToUpperInvariant(label[0]) + label[1..];
    }

    /// <summary>The first title word that stems to the term, lower-cased unless it is an acronym or a name in mixed case (AutoDEUQ, CO2).</summary>
    private static string SurfaceWord(string term, IEnumerable<string> titles)
    {
        foreach (var word in titles.SelectMany(title => title.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            var clean = word.Trim(',', '.', ':', ';', '(', ')', '"', '\'', '?', '!');
            if (Bm25Encoder.Terms(clean).FirstOrDefault() != term) continue;
            return clean.Skip(1).Any(char.IsUpper) || clean.Any(char.IsDigit) ? clean : clean.ToLowerInvariant();
        }
        return term;
    }
}
