using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Core.Tests.Storage;

/// <summary>
/// Seeded papers of two chunk vectors each, scattered around 60 topic centres, so that near neighbours are close
/// and not identical, as chunk embeddings are; half of them dated in 2024, a month apart. Each abstract is a seeded
/// draw of words, common ones more often than rare ones, so BM25 has lists of every length to rank from.
/// </summary>
internal sealed class ClusteredPapers(int seed)
{
    public const int Dimension = 48;
    public static readonly EmbeddingSignature Signature = new("test", "clusters", Dimension);
    private const int Vocabulary = 400;

    private readonly float[][] _centres = Centres(seed);

    public IEnumerable<IndexedPaper> Papers(int count)
    {
        var random = new Random(seed * 7919);
        for (var i = 0; i < count; i++)
        {
            var id = $"p{i:D5}";
            var centre = _centres[random.Next(_centres.Length)];
            float[][] vectors = [Near(centre, random, 0.35f), Near(centre, random, 0.35f)];
            yield return Indexed(id, vectors, Words(random));
        }
    }

    /// <summary>The same papers with new vectors and new words (their content changed).</summary>
    public IEnumerable<IndexedPaper> Moved(IEnumerable<IndexedPaper> papers)
    {
        var random = new Random(seed * 104729);
        foreach (var paper in papers)
        {
            var centre = _centres[random.Next(_centres.Length)];
            yield return Indexed(paper.Paper.Id, [Near(centre, random, 0.35f), Near(centre, random, 0.35f)], "revised " + Words(random));
        }
    }

    public IEnumerable<float[]> Queries(int count)
    {
        var random = new Random(seed * 31);
        for (var i = 0; i < count; i++) yield return Near(_centres[random.Next(_centres.Length)], random, 0.4f);
    }

    /// <summary>Seeded questions of two to four of the papers' words.</summary>
    public IEnumerable<string> Questions(int count)
    {
        var random = new Random(seed * 131);
        for (var i = 0; i < count; i++) yield return string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => Word(random)));
    }

    public static DateOnly? DateOf(string paperId) =>
        int.Parse(paperId[1..]) % 2 == 0 ? new DateOnly(2024, 1, 1).AddMonths(int.Parse(paperId[1..]) / 2 % 12) : null;

    private static string Words(Random random) => string.Join(' ', Enumerable.Range(0, random.Next(20, 60)).Select(_ => Word(random)));

    // Skewed towards small numbers: word k0 is common, k399 rare.
    private static string Word(Random random) => $"k{(int)(Vocabulary * Math.Pow(random.NextDouble(), 3))}";

    private static IndexedPaper Indexed(string id, float[][] vectors, string words)
    {
        var paper = new Paper(id, $"Paper {id}", $"First part. {words}.", DateOf(id), null, null, null, new SourceLocation("test.jsonl", 1));
        List<Chunk> chunks = [new Chunk(id, 0, paper.Title, ["First part."]), new Chunk(id, 1, paper.Title, [$"{words}."])];
        return new IndexedPaper(paper, chunks, [.. vectors.Select(vector => (ReadOnlyMemory<float>)vector)],
            Bm25Encoder.EncodeDocument($"{paper.Title}\n{paper.Abstract}"), PaperSentences.Unembedded(id, chunks));
    }

    private static float[][] Centres(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 60).Select(_ => Near(new float[Dimension], random, 1f))];
    }

    private static float[] Near(float[] centre, Random random, float spread)
    {
        var vector = centre.Select(value => value + spread * (float)(random.NextDouble() * 2 - 1)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(value => value * value));
        return [.. vector.Select(value => value / norm)];
    }
}
