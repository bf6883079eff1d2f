using System.Numerics.Tensors;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Sqlite;

/// <summary>
/// An immutable in-memory view of the store for exact search: BM25 postings over papers and a matrix
/// of chunk vectors. Rebuilt when the file has changed (<see cref="CurrentSnapshot"/>), so searches never lock against indexing.
/// </summary>
internal sealed class SearchSnapshot
{
    private readonly string[] _paperIds;
    private readonly DateOnly?[] _paperDates;
    private readonly Dictionary<uint, Posting[]> _postings;
    private readonly int _papersWithTerms;
    private readonly float[] _vectors;
    private readonly int _dimension;
    private readonly int[] _chunkPaper;

    public SearchSnapshot(IReadOnlyList<SnapshotPaper> papers, IReadOnlyList<SnapshotChunk> chunks, int dimension)
    {
        _paperIds = [.. papers.Select(paper => paper.Id)];
        _paperDates = [.. papers.Select(paper => paper.Date)];
        _postings = papers
            .SelectMany((paper, slot) => paper.Terms.Indices.Select((term, i) => (term, posting: new Posting(slot, paper.Terms.Values[i]))))
            .GroupBy(entry => entry.term, entry => entry.posting)
            .ToDictionary(group => group.Key, group => group.ToArray());
        _papersWithTerms = papers.Count(paper => !paper.Terms.IsEmpty);

        var slotOf = papers.Select((paper, slot) => (paper.Id, slot)).ToDictionary(pair => pair.Id, pair => pair.slot);
        var withVectors = dimension > 0 ? chunks.Where(chunk => chunk.Vector.Length == dimension && slotOf.ContainsKey(chunk.PaperId)).ToList() : [];
        _dimension = dimension;
        _vectors = new float[withVectors.Count * dimension];
        _chunkPaper = new int[withVectors.Count];
        for (var row = 0; row < withVectors.Count; row++)
        {
            withVectors[row].Vector.CopyTo(_vectors.AsSpan(row * dimension, dimension));
            _chunkPaper[row] = slotOf[withVectors[row].PaperId];
        }
    }

    public int PaperCount => _paperIds.Length;

    /// <summary>Papers ranked by BM25: Σ idf(t) · q_t · d_t, with Qdrant's IDF over papers.</summary>
    public IReadOnlyList<RankedPaper> RankBySparse(SearchQuery query)
    {
        var scores = new Dictionary<int, double>();
        for (var i = 0; i < query.Terms.Indices.Length; i++)
        {
            if (!_postings.TryGetValue(query.Terms.Indices[i], out var postings)) continue;
            var idf = Bm25Encoder.InverseDocumentFrequency(_papersWithTerms, postings.Length);
            foreach (var posting in postings)
            {
                scores[posting.Slot] = scores.GetValueOrDefault(posting.Slot) + idf * query.Terms.Values[i] * posting.Weight;
            }
        }
        return Top(scores, query);
    }

    /// <summary>Papers ranked by the cosine of their best chunk (vectors are unit length, so a dot product).</summary>
    public IReadOnlyList<RankedPaper> RankByDense(SearchQuery query)
    {
        if (query.Vector is not { } vector || vector.Length != _dimension || _chunkPaper.Length == 0) return [];
        var best = new Dictionary<int, double>();
        var queryVector = vector.Span;
        for (var row = 0; row < _chunkPaper.Length; row++)
        {
            var slot = _chunkPaper[row];
            if (!query.Admits(_paperDates[slot])) continue;
            double score = TensorPrimitives.Dot(_vectors.AsSpan(row * _dimension, _dimension), queryVector);
            if (!best.TryGetValue(slot, out var current) || score > current) best[slot] = score;
        }
        return Top(best, query);
    }

    /// <summary>Paper slot → score, filtered by date, best first, ties by id so both stores agree.</summary>
    private IReadOnlyList<RankedPaper> Top(Dictionary<int, double> scores, SearchQuery query) =>
        [.. scores
            .Where(pair => query.Admits(_paperDates[pair.Key]))
            .Select(pair => new RankedPaper(_paperIds[pair.Key], pair.Value))
            .OrderByDescending(candidate => candidate.Score)
            .ThenBy(candidate => candidate.PaperId, StringComparer.Ordinal)
            .Take(Math.Max(0, query.Candidates))];

    private readonly record struct Posting(int Slot, float Weight);
}

internal sealed record SnapshotPaper(string Id, DateOnly? Date, SparseVector Terms);

internal sealed record SnapshotChunk(string PaperId, float[] Vector);
