using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using RagAssistant.Contracts;
using RagAssistant.Core.Orchestration.Text;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Orchestration.Writers.Extractive;

/// <summary>
/// Groups the sources of a literature summary into themes: average-linkage clustering of the papers' vectors (as the index
/// keeps them; encoded from title and abstract for a paper it did not hand over; shared terms without an encoder). Of the cuts into 2–5 groups, those where no group holds more than
/// <see cref="MaxShareOfOneTheme"/> of the papers are candidates, and the one with the best mean silhouette wins; when
/// none has a silhouette above zero — the papers are no nearer within the groups than across them — they are one theme.
/// Each theme is named by <see cref="ThemeLabeller"/>.
/// </summary>
internal sealed class ThemeGrouper(IEmbeddingGenerator<string, Embedding<float>>? embedder)
{
    public const int MinThemes = 2;
    public const int MaxThemes = 5;

    /// <summary>The most of a summary's papers one theme may hold, unless all of them are one theme.</summary>
    public const double MaxShareOfOneTheme = 0.6;

    public async Task<IReadOnlyList<Theme>> GroupAsync(
        IReadOnlyList<AnswerSource> sources, IReadOnlyList<string> queryTerms, IReadOnlyDictionary<int, string> keySentences,
        IReadOnlyDictionary<string, PaperSentences>? kept, CancellationToken cancellationToken)
    {
        if (sources.Count == 0) return [];
        var similarity = StoredSimilarity(sources, kept) ?? await SimilarityAsync(sources, cancellationToken);
        var clusters = sources.Count <= MinThemes
            ? [.. Enumerable.Range(0, sources.Count).Select(i => new List<int> { i })]
            : BestCut(similarity, sources.Count);
        // Themes in the order of their best-ranked paper, papers in source order.
        var ordered = clusters.Select(cluster => cluster.Order().ToList()).OrderBy(cluster => cluster[0]).ToList();
        var labels = ThemeLabeller.Label([.. ordered.Select(cluster => (IReadOnlyList<int>)cluster)], sources, keySentences, queryTerms);
        return [.. ordered.Select((cluster, c) => new Theme(labels[c], [.. cluster.Select(i => sources[i])]))];
    }

    /// <summary>
    /// Cosines of the papers' vectors as the index keeps them — each paper the mean of its title's and its sentences'
    /// vectors — so grouping costs no encoding; null when a source has none (a paper an agent's tool found).
    /// </summary>
    private static double[,]? StoredSimilarity(IReadOnlyList<AnswerSource> sources, IReadOnlyDictionary<string, PaperSentences>? kept)
    {
        var vectors = new List<float[]>(sources.Count);
        foreach (var source in sources)
        {
            if (kept?.GetValueOrDefault(source.PaperId) is not { } paper) return null;
            var parts = paper.Sentences.Select(sentence => sentence.Vector).Append(paper.TitleVector).Where(vector => vector.Length > 0).ToList();
            if (parts.Count == 0) return null;
            var sum = new float[parts[0].Length];
            foreach (var part in parts) TensorPrimitives.Add(sum, part.Span, sum);
            vectors.Add(sum);
        }
        var n = sources.Count;
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            matrix[i, j] = TensorPrimitives.CosineSimilarity(vectors[i], vectors[j]);
        return matrix;
    }

    private async Task<double[,]> SimilarityAsync(IReadOnlyList<AnswerSource> sources, CancellationToken cancellationToken)
    {
        var texts = sources.Select(source => ReferenceMarkers.Strip($"{source.Title}. {source.Abstract}")).ToList();
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

    /// <summary>
    /// Average-linkage merging from one paper per cluster; of the cuts with 2–5 clusters and none over
    /// <see cref="MaxShareOfOneTheme"/> of the papers, the one with the best mean silhouette — or one cluster of all the
    /// papers when no such cut has a positive silhouette.
    /// </summary>
    private static List<List<int>> BestCut(double[,] similarity, int n)
    {
        var clusters = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        List<List<int>>? best = null;
        var bestSilhouette = 0.0;
        var largest = (int)Math.Floor(MaxShareOfOneTheme * n);
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
            if (clusters.Count > MaxThemes || clusters.Max(cluster => cluster.Count) > largest) continue;
            var silhouette = Silhouette(similarity, clusters, n);
            if (silhouette > bestSilhouette) (bestSilhouette, best) = (silhouette, clusters.Select(cluster => cluster.ToList()).ToList());
        }
        return best ?? [[.. Enumerable.Range(0, n)]];
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
}
