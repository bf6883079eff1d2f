using RagAssistant.Core.Chunking;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Qdrant.Tests;

/// <summary>
/// Papers for tests. Their dense vectors are hand-made "topic" directions, not real embeddings:
/// these tests are about how Qdrant stores and ranks vectors, not about the embedding model.
/// </summary>
internal static class SamplePapers
{
    public const int Dimension = 8;

    /// <summary>Twenty questions of the kind the sample corpus answers.</summary>
    public static readonly IReadOnlyList<string> Questions =
    [
        "video generation with diffusion models", "reinforcement learning from human feedback", "mixture of experts",
        "long context language models", "retrieval augmented generation", "speech recognition", "image editing",
        "mathematical reasoning", "code generation benchmark", "multimodal large language model", "3D scene reconstruction",
        "agents that use tools", "efficient attention", "quantization of large models", "instruction tuning data",
        "evaluation of chatbots", "text to image", "robot manipulation", "hallucination", "small language models",
    ];

    public static readonly EmbeddingSignature Signature = new("test", "topic-vectors", Dimension);

    /// <summary>Eight papers, one per topic axis; paper i's chunks all point near axis i.</summary>
    public static IReadOnlyList<IndexedPaper> Topics { get; } =
    [
        Make(0, "Sparse retrieval with learned term weights", "We revisit BM25 and learned sparse retrieval. Term weights are predicted by a transformer. Inverted indexes keep retrieval fast.", new DateOnly(2024, 8, 20), chunks: 2),
        Make(1, "Diffusion models for video generation", "A diffusion model generates long videos. Temporal attention keeps frames consistent. We evaluate on standard video benchmarks.", new DateOnly(2024, 9, 6), chunks: 3),
        Make(2, "Reinforcement learning from human feedback at scale", "Reward models trained on preferences guide policy optimisation. We study reward hacking and its mitigation.", new DateOnly(2024, 4, 25), chunks: 1),
        Make(3, "Vector databases in production", "Approximate nearest neighbour search with HNSW graphs. Sharding and replication keep a vector database available.", new DateOnly(2025, 1, 14), chunks: 2),
        Make(4, "Speech recognition for low-resource languages", "Self-supervised speech models transfer to languages with little labelled audio.", null, chunks: 1),
        Make(5, "Mixture of experts language models", "Sparse mixture of experts routes tokens to a few experts. Training stays efficient at large scale.", new DateOnly(2024, 8, 1), chunks: 2),
        Make(6, "Protein structure prediction with transformers", "We predict protein structure from sequence. Attention over residue pairs captures contacts.", new DateOnly(2023, 12, 31), chunks: 1),
        Make(7, "Retrieval-augmented generation for question answering", "A retriever finds passages and a generator answers with citations. Hybrid retrieval fuses BM25 and dense vectors.", new DateOnly(2024, 8, 31), chunks: 3),
    ];

    /// <summary>A unit vector along topic axis <paramref name="topic"/>, tilted a little by <paramref name="tilt"/>.</summary>
    public static float[] TopicVector(int topic, int tilt = 0)
    {
        var vector = new float[Dimension];
        vector[topic] = 1f;
        vector[(topic + 1 + tilt) % Dimension] = 0.1f * (tilt + 1);
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }

    /// <summary>A store query: BM25 terms of <paramref name="text"/>, and the vector of <paramref name="topic"/> when one is given.</summary>
    public static SearchQuery Query(string text, int candidates = 5, int? topic = null, DateOnly? from = null, DateOnly? to = null) =>
        new(Bm25Encoder.EncodeQuery(text), topic is { } t ? TopicVector(t) : (ReadOnlyMemory<float>?)null, candidates, from, to);

    public static IndexedPaper Make(int topic, string title, string @abstract, DateOnly? date, int chunks)
    {
        var paper = new Paper(PaperIdentity.FromTitle(title), title, @abstract, date, date is null ? null : 3 + topic, topic * 2,
            $"https://huggingface.co/papers/{topic}", new SourceLocation("topics.txt", 1 + topic * 6));
        var sentences = @abstract.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        var bodies = Enumerable.Range(0, chunks)
            .Select(i => string.Join(". ", sentences.Where((_, s) => s % chunks == i)))
            .ToArray();
        return WithChunks(paper, bodies, i => TopicVector(topic, i));
    }

    public static IndexedPaper WithChunks(Paper paper, IReadOnlyList<string> bodies, Func<int, float[]> vector)
    {
        Chunk[] chunks = [.. bodies.Select((body, i) => new Chunk(paper.Id, i, paper.Title, [body]))];
        return new IndexedPaper(paper, chunks, [.. bodies.Select((_, i) => (ReadOnlyMemory<float>)vector(i))],
            Bm25Encoder.EncodeDocument($"{paper.Title}\n{paper.Abstract}"), WithRandomVectors(paper.Id, chunks, vector(0).Length));
    }

    /// <summary>The chunks' sentences, each with a random unit vector seeded by the paper and its place, and the title's.</summary>
    public static PaperSentences WithRandomVectors(string paperId, IReadOnlyList<Chunk> chunks, int dimension)
    {
        var sentences = PaperSentences.Unembedded(paperId, chunks).Sentences;
        return new PaperSentences(paperId, RandomUnitVector($"{paperId}#title", dimension),
            [.. sentences.Select(sentence => sentence with { Vector = RandomUnitVector($"{paperId}#s{sentence.Ordinal}", dimension) })]);
    }

    /// <summary>
    /// The sample corpus (303 unique papers) read and chunked by Core; each chunk gets a random unit
    /// vector seeded by its id, since these tests are about Qdrant, not the embedding model.
    /// </summary>
    public static IReadOnlyList<IndexedPaper> Corpus(int dimension)
    {
        var result = new PaperFileReader(PaperFileReader.DefaultMaxFileBytes).Read([TestRepository.SamplePapers]);
        var chunker = new AbstractChunker(new ApproximateTokenCounter(128));
        return
        [
            .. result.Papers.Select(paper =>
            {
                var chunks = chunker.Chunk(paper);
                return new IndexedPaper(paper, chunks, [.. chunks.Select(c => (ReadOnlyMemory<float>)RandomUnitVector(c.Id, dimension))],
                    Bm25Encoder.EncodeDocument($"{paper.Title}\n{paper.Abstract}"), WithRandomVectors(paper.Id, chunks, dimension));
            }),
        ];
    }

    public static float[] RandomUnitVector(string seed, int dimension)
    {
        var random = new Random(unchecked((int)Bm25Encoder.TermIndex(seed)));
        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++) vector[i] = (float)(random.NextDouble() * 2 - 1);
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }
}
