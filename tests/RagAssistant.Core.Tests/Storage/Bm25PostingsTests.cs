using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Sqlite.Search;

namespace RagAssistant.Core.Tests.Storage;

/// <summary>
/// The embedded store's BM25 from its inverted index (MaxScore skips papers that cannot reach the list) against a
/// scan of every live paper with the same formula: the same papers, in the same order, with the very same scores —
/// on a corpus with many tied scores, papers written anew (their old versions retired) and a date filter.
/// </summary>
public sealed class Bm25PostingsTests
{
    private static readonly string[] Words = [.. Enumerable.Range(0, 400).Select(i => $"word{i}x")];

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void The_inverted_index_ranks_exactly_as_a_scan_of_every_paper(int candidates)
    {
        var random = new Random(26);
        var (papers, postings) = (new PaperSlots(), new Bm25Postings());
        var terms = new List<SparseVector>();
        long version = 0;
        void Write(string id)
        {
            if (papers.SlotOf(id) is var old and >= 0)
            {
                papers.Retire(old);
                postings.Retire(old);
            }
            var text = random.Next(20) == 0 ? "" : Text(random, random.Next(3, 40));
            var slot = papers.Append(id, ++version, random.Next(2) == 0 ? null : new DateOnly(2020, 1, 1).AddDays(random.Next(1500)), 1, 0, -1);
            terms.Add(Bm25Encoder.EncodeDocument(text));
            postings.Add(slot, terms[slot]);
        }
        for (var i = 0; i < 4000; i++) Write($"p{i:D5}");
        for (var i = 0; i < 600; i++) Write($"p{random.Next(4000):D5}"); // written anew: the old version is retired

        for (var q = 0; q < 60; q++)
        {
            var from = q % 3 == 0 ? new DateOnly(2021, 6, 1) : (DateOnly?)null;
            var query = new SearchQuery(Bm25Encoder.EncodeQuery(Text(random, random.Next(1, 12))), null, candidates, FromDate: from);

            var found = postings.Rank(query, papers);

            var expected = Scan(query, papers, terms);
            Assert.Equal(expected.Select(hit => (hit.PaperId, hit.Score)), found.Select(hit => (hit.PaperId, hit.Score)));
        }
    }

    /// <summary>Every live paper admitted by the filter scored Σ idf(t) · q_t · d_t in the query's term order; best first, ties by id.</summary>
    private static List<RankedPaper> Scan(SearchQuery query, PaperSlots papers, List<SparseVector> terms)
    {
        var live = Enumerable.Range(0, papers.Count).Where(papers.IsLive).ToList();
        var withTerms = live.Count(slot => !terms[slot].IsEmpty);
        var frequencies = query.Terms.Indices.Distinct().ToDictionary(term => term, term => live.Count(slot => terms[slot].Indices.Contains(term)));
        var scored = new List<RankedPaper>();
        foreach (var slot in live)
        {
            if (!papers.Admits(slot, query)) continue;
            var (score, shares) = (0.0, false);
            for (var i = 0; i < query.Terms.Indices.Length; i++)
            {
                var at = Array.IndexOf(terms[slot].Indices, query.Terms.Indices[i]);
                if (at < 0) continue;
                score += Bm25Encoder.InverseDocumentFrequency(withTerms, frequencies[query.Terms.Indices[i]]) * query.Terms.Values[i] * terms[slot].Values[at];
                shares = true;
            }
            if (shares) scored.Add(new RankedPaper(papers.IdOf(slot), score));
        }
        return [.. scored.OrderByDescending(hit => hit.Score).ThenBy(hit => hit.PaperId, StringComparer.Ordinal).Take(query.Candidates)];
    }

    /// <summary>Words drawn with a skew toward the first ones, so some terms are common and many scores tie.</summary>
    private static string Text(Random random, int length) =>
        string.Join(' ', Enumerable.Range(0, length).Select(_ => Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 3))]));
}
