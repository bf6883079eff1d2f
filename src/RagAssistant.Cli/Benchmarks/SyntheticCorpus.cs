using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// Benchmark corpora of any size from a real embedded corpus, without embedding anything more: the real papers
/// first, then synthetic ones, each a random mix of two real papers A and B. Repeating the corpus under new ids
/// would give a vector index identical points; these are distinct points around the real ones, as a large
/// collection on related topics is.
/// <list type="bullet">
/// <item>a = 0.5 + 0.4·u (u uniform in [0, 1)): how much the paper leans to A;</item>
/// <item>its chunks are A's (text, count); chunk j's vector is a·A_j + (1 − a)·B_(j mod |B|), plus Gaussian noise of
/// σ = <see cref="Noise"/> per component (about 0.2 in norm for 384 dimensions), re-normalised to unit length;</item>
/// <item>its BM25 terms are A's terms each kept with probability a and B's with probability 1 − a, each with the
/// weight it had in its paper (A's when both have it), so it holds about as many terms as a real paper;</item>
/// <item>its title, abstract, date, sentences and title vector are A's; its id is <c>synthetic-N</c>.</item>
/// </list>
/// One <see cref="Random"/> seeded with <see cref="Seed"/> drives it all, so a size is the same corpus on every run.
/// </summary>
internal static class SyntheticCorpus
{
    public const int Seed = 26;
    public const float Noise = 0.01f;

    public static IEnumerable<IndexedPaper> Build(IReadOnlyList<IndexedPaper> real, int size)
    {
        foreach (var paper in real.Take(size)) yield return paper;
        var random = new Random(Seed);
        for (var n = real.Count; n < size; n++)
        {
            var a = real[random.Next(real.Count)];
            var b = real[random.Next(real.Count)];
            yield return Mix(a, b, 0.5f + 0.4f * random.NextSingle(), $"synthetic-{n:D7}", random);
        }
    }

    /// <summary>
    /// <paramref name="count"/> further papers mixed the same way from their own seed, with ids <c>added-N</c>: what a
    /// user adds to a store of any size (the same papers for every size and run).
    /// </summary>
    public static IEnumerable<IndexedPaper> Added(IReadOnlyList<IndexedPaper> real, int count)
    {
        var random = new Random(Seed + 1);
        for (var n = 0; n < count; n++)
        {
            var a = real[random.Next(real.Count)];
            var b = real[random.Next(real.Count)];
            yield return Mix(a, b, 0.5f + 0.4f * random.NextSingle(), $"added-{n:D7}", random);
        }
    }

    private static IndexedPaper Mix(IndexedPaper a, IndexedPaper b, float lean, string id, Random random)
    {
        var paper = a.Paper with { Id = id };
        var chunks = a.Chunks.Select(chunk => chunk with { PaperId = id }).ToList();
        var vectors = new List<ReadOnlyMemory<float>>(a.Vectors.Count);
        for (var j = 0; j < a.Vectors.Count; j++)
        {
            var from = a.Vectors[j].Span;
            var toward = b.Vectors.Count > 0 ? b.Vectors[j % b.Vectors.Count].Span : from;
            var vector = new float[from.Length];
            for (var i = 0; i < vector.Length; i++) vector[i] = lean * from[i] + (1 - lean) * toward[i] + Noise * Gaussian(random);
            var norm = MathF.Sqrt(vector.Sum(value => value * value));
            for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
            vectors.Add(vector);
        }
        return new IndexedPaper(paper, chunks, vectors, MixTerms(a.Terms, b.Terms, lean, random), a.Sentences with { PaperId = id });
    }

    private static SparseVector MixTerms(SparseVector a, SparseVector b, float lean, Random random)
    {
        var kept = new SortedDictionary<uint, float>();
        for (var i = 0; i < b.Indices.Length; i++)
        {
            if (random.NextSingle() < 1 - lean) kept[b.Indices[i]] = b.Values[i];
        }
        for (var i = 0; i < a.Indices.Length; i++)
        {
            if (random.NextSingle() < lean) kept[a.Indices[i]] = a.Values[i];
        }
        return new SparseVector([.. kept.Keys], [.. kept.Values]);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static float Gaussian(Random random) =>
        MathF.Sqrt(-2 * MathF.Log(1 - random.NextSingle())) * MathF.Cos(2 * MathF.PI * random.NextSingle());
}
