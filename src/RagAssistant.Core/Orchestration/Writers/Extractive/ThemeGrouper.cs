using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// Groups the sources of a literature summary into 2–5 themes: average-linkage clustering of the papers'
/// embeddings (title and abstract; shared terms without an encoder), cut where the silhouette is best, each
/// theme labelled with its most distinctive terms by class-based TF-IDF over its papers' text (BERTopic's
/// c-TF-IDF). A label always has at least two terms, so no theme is named after a single title word.
/// </summary>
internal sealed class ThemeGrouper(IEmbeddingGenerator<string, Embedding<float>>? embedder)
{
    public const int MinThemes = 2;
    public const int MaxThemes = 5;
    private const int LabelTerms = 3;

    public async Task<IReadOnlyList<Theme>> GroupAsync(IReadOnlyList<AnswerSource> sources, IReadOnlyList<string> queryTerms, CancellationToken cancellationToken)
    {
        if (sources.Count == 0) return [];
        var texts = sources.Select(source => ReferenceMarkers.Strip($"{source.Title}. {source.Abstract}")).ToList();
        var similarity = await SimilarityAsync(texts, cancellationToken);
        var clusters = sources.Count <= MinThemes
            ? [.. Enumerable.Range(0, sources.Count).Select(i => new List<int> { i })]
            : BestCut(similarity, sources.Count);
        // Themes in the order of their best-ranked paper, papers in source order.
        var ordered = clusters.Select(cluster => cluster.Order().ToList()).OrderBy(cluster => cluster[0]).ToList();
        var labels = Labels(ordered, texts, queryTerms, sources);
        return [.. ordered.Select((cluster, c) => new Theme(labels[c], [.. cluster.Select(i => sources[i])]))];
    }

    private async Task<double[,]> SimilarityAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var n = texts.Count;
        var matrix = new double[n, n];
        if (embedder is not null)
        {
            var vectors = await embedder.GenerateAsync(texts, cancellationToken: cancellationToken);
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                matrix[i, j] = TensorPrimitives.CosineSimilarity(vectors[i].Vector.Span, vectors[j].Vector.Span);
            return matrix;
        }
        var terms = texts.Select(text => QuestionTerms.Of(text).ToHashSet()).ToList();
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            var shared = terms[i].Count(terms[j].Contains);
            var union = terms[i].Count + terms[j].Count - shared;
            matrix[i, j] = union == 0 ? 0 : (double)shared / union;
        }
        return matrix;
    }

    /// <summary>Average-linkage merging from one paper per cluster; of the cuts with 2–5 clusters, the one with the best mean silhouette.</summary>
    private static List<List<int>> BestCut(double[,] similarity, int n)
    {
        var clusters = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        List<List<int>>? best = null;
        var bestSilhouette = double.MinValue;
        while (clusters.Count > MinThemes)
        {
            var (a, b) = (0, 1);
            var closest = double.MinValue;
            for (var i = 0; i < clusters.Count; i++)
            for (var j = i + 1; j < clusters.Count; j++)
            {
                var linkage = Linkage(similarity, clusters[i], clusters[j]);
                if (linkage > closest) (closest, a, b) = (linkage, i, j);
            }
            clusters[a].AddRange(clusters[b]);
            clusters.RemoveAt(b);
            if (clusters.Count > MaxThemes) continue;
            var silhouette = Silhouette(similarity, clusters, n);
            if (silhouette > bestSilhouette) (bestSilhouette, best) = (silhouette, clusters.Select(cluster => cluster.ToList()).ToList());
        }
        return best ?? clusters;
    }

    private static double Linkage(double[,] similarity, List<int> x, List<int> y) =>
        x.SelectMany(i => y.Select(j => similarity[i, j])).Average();

    /// <summary>Mean silhouette with distance 1 − similarity; a paper alone in its cluster scores 0.</summary>
    private static double Silhouette(double[,] similarity, List<List<int>> clusters, int n)
    {
        var total = 0.0;
        foreach (var cluster in clusters)
        {
            foreach (var i in cluster)
            {
                if (cluster.Count == 1) continue;
                var inside = cluster.Where(j => j != i).Average(j => 1 - similarity[i, j]);
                var outside = clusters.Where(other => other != cluster).Min(other => other.Average(j => 1 - similarity[i, j]));
                total += (outside - inside) / Math.Max(inside, outside);
            }
        }
        return total / n;
    }

    /// <summary>
    /// c-TF-IDF: a term's frequency within a theme's text, times log(1 + mean words per theme / the term's frequency
    /// over all themes). The question's own terms, shared by every theme, are left out.
    /// </summary>
    private static List<string> Labels(List<List<int>> clusters, List<string> texts, IReadOnlyList<string> queryTerms, IReadOnlyList<AnswerSource> sources)
    {
        var counts = clusters.Select(cluster => cluster
            .SelectMany(i => Bm25Encoder.Terms(texts[i]))
            .Where(term => !QuestionTerms.IsQuestionWord(term) && !queryTerms.Contains(term) && term.Length > 2 && !term.All(char.IsDigit))
            .CountBy(term => term)
            .ToDictionary()).ToList();
        var overall = counts.SelectMany(count => count).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));
        var meanWords = counts.Average(count => (double)count.Values.Sum());
        var used = new HashSet<string>();
        var labels = new List<string>();
        for (var c = 0; c < clusters.Count; c++)
        {
            var words = Math.Max(1, counts[c].Values.Sum());
            var picked = counts[c]
                // A term must recur in the theme (twice, or in two of its papers) to name it.
                .Where(pair => pair.Value >= 2)
                .Select(pair => (term: pair.Key, score: (double)pair.Value / words * Math.Log(1 + meanWords / overall[pair.Key])))
                .OrderByDescending(entry => entry.score)
                .ThenBy(entry => entry.term, StringComparer.Ordinal)
                .Where(entry => !used.Contains(entry.term))
                .Take(LabelTerms)
                .Select(entry => entry.term)
                .ToList();
            used.UnionWith(picked);
            var surface = picked.Select(term => SurfaceWord(term, clusters[c].Select(i => texts[i]))).ToList();
            labels.Add(surface.Count >= 2 ? Capitalise(string.Join(", ", surface)) : $"Other work: {string.Join("; ", clusters[c].Select(i => sources[i].Title))}");
        }
        return labels;
    }

    private static string Capitalise(string label) => char.ToUpperInvariant(label[0]) + label[1..];

    /// <summary>The first word of the theme's text that stems to the term, lower-cased unless it is an acronym or a mixed-case name (AutoDEUQ, CO2).</summary>
    private static string SurfaceWord(string term, IEnumerable<string> texts)
    {
        foreach (var word in texts.SelectMany(text => text.Split([' ', '\n', '/'], StringSplitOptions.RemoveEmptyEntries)))
        {
            var clean = word.Trim(',', '.', ':', ';', '(', ')', '"', '\'', '?', '!', '[', ']');
            if (clean.Length == 0 || Bm25Encoder.Terms(clean).FirstOrDefault() != term) continue;
            return clean.Skip(1).Any(char.IsUpper) || clean.Any(char.IsDigit) ? clean : clean.ToLowerInvariant();
        }
        return term;
    }
}
