using System.Text;
using RagAssistant.Core.Papers;

namespace RagAssistant.Core.Retrieval.Bm25;

/// <summary>
/// Turns text into BM25 sparse vectors. The document side carries BM25's term-frequency saturation
/// and length normalisation; the query side a 1 per term; the store multiplies by the inverse
/// document frequency (Qdrant's <c>"modifier":"idf"</c>, or <see cref="InverseDocumentFrequency"/> in the
/// embedded store), so both stores rank by the same formula.
/// </summary>
public static class Bm25Encoder
{
    // The classic Robertson defaults; sparse nDCG@10 on SciFact train is 0.70 with them (README, Evaluation).
    public const float K1 = 1.2f;
    public const float B = 0.75f;

    /// <summary>Fixed instead of measured, because Qdrant needs final weights at upsert time and the corpus keeps growing.</summary>
    public const float AverageDocumentLength = 150f;

    public static SparseVector EncodeDocument(string text)
    {
        var counts = CountTerms(text, out var length);
        var weights = new Dictionary<uint, float>(counts.Count);
        foreach (var (term, tf) in counts)
        {
            weights[term] = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / AverageDocumentLength));
        }
        return ToVector(weights);
    }

    public static SparseVector EncodeQuery(string text)
    {
        var counts = CountTerms(text, out _);
        return ToVector(counts.ToDictionary(pair => pair.Key, _ => 1f));
    }

    /// <summary>Qdrant's IDF: ln(1 + (N − n + 0.5) / (n + 0.5)).</summary>
    public static double InverseDocumentFrequency(long documentCount, long documentsWithTerm) =>
        Math.Log(1 + (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5));

    /// <summary>
    /// Lower-cased, stop words dropped, Porter-stemmed terms, in text order. LaTeX is read as a reader sees it and then
    /// folded (<see cref="TexNotation.Folded"/>), so "CO$_2$", "CO_2", "CO₂" and "CO2" are the one term "co2".
    /// </summary>
    public static IEnumerable<string> Terms(string text)
    {
        var word = new StringBuilder();
        foreach (var c in TexNotation.Folded(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0 && Accept(word.ToString()) is { } term) yield return term;
            word.Clear();
        }
        if (word.Length > 0 && Accept(word.ToString()) is { } last) yield return last;
    }

    /// <summary>32-bit FNV-1a of the term: a stable sparse index with no vocabulary to keep.</summary>
    public static uint TermIndex(string term)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }

    private static string? Accept(string word) =>
        word.Length > 40 || EnglishStopWords.Contains(word) ? null : PorterStemmer.Stem(word);

    private static Dictionary<uint, int> CountTerms(string text, out int length)
    {
        var counts = new Dictionary<uint, int>();
        length = 0;
        foreach (var term in Terms(text))
        {
            var index = TermIndex(term);
            counts[index] = counts.GetValueOrDefault(index) + 1;
            length++;
        }
        return counts;
    }

    private static SparseVector ToVector(Dictionary<uint, float> weights)
    {
        var indices = weights.Keys.Order().ToArray();
        return new SparseVector(indices, [.. indices.Select(i => weights[i])]);
    }
}
