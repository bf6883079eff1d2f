using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;
using RagAssistant.Sqlite.Search;

namespace RagAssistant.Core.Tests.Storage;

/// <summary>
/// The embedded store's BM25 from its inverted index (MaxScore skips papers that cannot reach the list) against a
/// scan of every live paper with the same formula: the same papers, in the same order, with the very same scores —
/// on a corpus with many tied scores, papers written anew (their old versions retired) and a date filter, and on
/// one whose lists cross segments of 65,536 slots, also after saving the lists and reading them back.
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
        var corpus = new Corpus(random);
        for (var i = 0; i < 4000; i++) corpus.Write($"p{i:D5}", random.Next(20) == 0 ? "" : Text(random, random.Next(3, 40)));
        for (var i = 0; i < 600; i++) corpus.Write($"p{random.Next(4000):D5}", Text(random, random.Next(3, 40))); // the old version is retired

        for (var q = 0; q < 60; q++) corpus.AssertRanksAsScan(Question(random, Text(random, random.Next(1, 12)), candidates, dated: q % 3 == 0));
    }

    [Fact]
    public void Lists_crossing_segments_rank_exactly_as_a_scan_also_after_retirements()
    {
        var random = new Random(2626);
        var corpus = SegmentedCorpus(random);
        for (var q = 0; q < 16; q++) corpus.AssertRanksAsScan(SegmentedQuestion(random, q));

        for (var i = 0; i < 3000; i++) corpus.Write($"p{random.Next(SegmentedPapers):D6}", Text(random, random.Next(2, 10)) + " landmark gapped");
        for (var q = 0; q < 10; q++) corpus.AssertRanksAsScan(SegmentedQuestion(random, q));
    }

    [Fact]
    public void Lists_saved_and_read_back_rank_as_before_and_keep_taking_papers()
    {
        var random = new Random(2627);
        var corpus = SegmentedCorpus(random);
        var questions = Enumerable.Range(0, 12).Select(q => SegmentedQuestion(random, q)).ToList();
        var before = questions.Select(question => corpus.Postings.Rank(question, corpus.Papers)).ToList();

        corpus.Postings = ReadBack(Saved(corpus), corpus.Papers.Count);

        for (var q = 0; q < questions.Count; q++) Assert.Equal(before[q], corpus.Postings.Rank(questions[q], corpus.Papers));
        // Papers added after a load extend lists whose last segment's palette must be found again.
        for (var i = 0; i < 2000; i++) corpus.Write($"p{random.Next(SegmentedPapers):D6}", Text(random, random.Next(2, 60)));
        foreach (var question in questions) corpus.AssertRanksAsScan(question);
    }

    [Theory]
    [InlineData("cut short")]
    [InlineData("code outside its palette")]
    [InlineData("segments out of order")]
    public void A_damaged_list_is_refused_when_read(string damage)
    {
        var random = new Random(2628);
        var corpus = new Corpus(random);
        // One list: "landmark" in every 1,000th of 140,000 papers, so 66 + 66 + 8 postings in three segments, one weight.
        for (var i = 0; i < 140_000; i++) corpus.Write($"p{i:D6}", i % 1000 == 0 ? "landmark" : "");
        var bytes = Saved(corpus);
        Assert.Equal(140, ReadBack(bytes, corpus.Papers.Count).Rank(Question(random, "landmark", 200, dated: false), corpus.Papers).Count);
        // After the has-terms flags, three counts and the list's header (term, three lengths, largest weight).
        var entries = corpus.Papers.Count + 3 * sizeof(int) + 5 * sizeof(int);
        var segments = entries + 140 * sizeof(uint);
        switch (damage)
        {
            case "cut short":
                bytes = bytes[..(bytes.Length - 6)];
                break;
            case "code outside its palette":
                BitConverter.TryWriteBytes(bytes.AsSpan(entries + 5 * sizeof(uint)), (5000u << 16) | 1); // slot 5,000 keeps its place; its segment has code 0 only
                break;
            case "segments out of order":
                BitConverter.TryWriteBytes(bytes.AsSpan(segments + 3 * sizeof(int)), 2); // the second segment's number, after the first's 0
                BitConverter.TryWriteBytes(bytes.AsSpan(segments + 6 * sizeof(int)), 1);
                break;
        }

        var refused = Record.Exception(() => ReadBack(bytes, corpus.Papers.Count));

        Assert.True(refused is InvalidDataException or EndOfStreamException, $"a list with a {damage} was read: {refused}");
    }

    private const int SegmentedPapers = 140_000;

    /// <summary>
    /// 140,000 papers over three segments: short texts of skewed words (every 20th a long one, so common terms have
    /// many weights), "landmark" in every 30,000th paper (its list jumps segments), "gapped" in a third of the papers
    /// but none from 60,000 to 135,000 (no posting in segment 1).
    /// </summary>
    private static Corpus SegmentedCorpus(Random random)
    {
        var corpus = new Corpus(random);
        for (var i = 0; i < SegmentedPapers; i++)
        {
            var text = Text(random, random.Next(2, i % 20 == 0 ? 100 : 10));
            if (i % 30_000 == 7) text += " landmark";
            if ((i < 60_000 || i >= 135_000) && random.Next(3) == 0) text += " gapped";
            corpus.Write($"p{i:D6}", text);
        }
        return corpus;
    }

    private static SearchQuery SegmentedQuestion(Random random, int q)
    {
        var text = Text(random, random.Next(1, 6)) + (q % 2 == 0 ? " landmark" : "") + (q % 3 == 0 ? " gapped" : "");
        return Question(random, text, q % 4 == 0 ? 100 : 10, dated: q % 5 == 1);
    }

    private static SearchQuery Question(Random random, string text, int candidates, bool dated) =>
        new(Bm25Encoder.EncodeQuery(text), null, candidates, FromDate: dated ? new DateOnly(2020, 1, 1).AddDays(random.Next(1400)) : null);

    private static byte[] Saved(Corpus corpus)
    {
        using var file = new MemoryStream();
        using (var writer = new StateFileWriter(file)) corpus.Postings.WriteTo(writer, corpus.Papers.Count);
        return file.ToArray();
    }

    private static Bm25Postings ReadBack(byte[] bytes, int slots) =>
        Bm25Postings.ReadFrom(new StateFileReader(new MemoryStream(bytes), bytes.Length), slots);

    /// <summary>Words drawn with a skew toward the first ones, so some terms are common and many scores tie.</summary>
    private static string Text(Random random, int length) =>
        string.Join(' ', Enumerable.Range(0, length).Select(_ => Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 3))]));

    /// <summary>Papers written one by one into slots and postings, with each slot's terms kept for the scan.</summary>
    private sealed class Corpus(Random random)
    {
        private readonly List<SparseVector> _terms = [];
        private long _version;

        public PaperSlots Papers { get; } = new();

        public Bm25Postings Postings { get; set; } = new();

        /// <summary>Writes the paper, retiring the version it replaces.</summary>
        public void Write(string id, string text)
        {
            if (Papers.SlotOf(id) is var old and >= 0)
            {
                Papers.Retire(old);
                Postings.Retire(old);
            }
            var slot = Papers.Append(id, ++_version, random.Next(2) == 0 ? null : new DateOnly(2020, 1, 1).AddDays(random.Next(1500)), 1, 0, -1);
            _terms.Add(Bm25Encoder.EncodeDocument(text));
            Postings.Add(slot, _terms[slot]);
        }

        public void AssertRanksAsScan(SearchQuery query)
        {
            var found = Postings.Rank(query, Papers);

            var expected = Scan(query);
            Assert.Equal(expected.Select(hit => (hit.PaperId, hit.Score)), found.Select(hit => (hit.PaperId, hit.Score)));
        }

        /// <summary>Every live paper admitted by the filter scored Σ idf(t) · q_t · d_t in the query's term order; best first, ties by id.</summary>
        private List<RankedPaper> Scan(SearchQuery query)
        {
            var live = Enumerable.Range(0, Papers.Count).Where(Papers.IsLive).ToList();
            var withTerms = live.Count(slot => !_terms[slot].IsEmpty);
            var frequencies = query.Terms.Indices.Distinct().ToDictionary(term => term, _ => 0);
            foreach (var slot in live)
            {
                foreach (var term in _terms[slot].Indices)
                {
                    if (frequencies.TryGetValue(term, out var frequency)) frequencies[term] = frequency + 1;
                }
            }
            var scored = new List<RankedPaper>();
            foreach (var slot in live)
            {
                if (!Papers.Admits(slot, query)) continue;
                var (score, shares) = (0.0, false);
                for (var i = 0; i < query.Terms.Indices.Length; i++)
                {
                    var at = Array.IndexOf(_terms[slot].Indices, query.Terms.Indices[i]);
                    if (at < 0) continue;
                    score += Bm25Encoder.InverseDocumentFrequency(withTerms, frequencies[query.Terms.Indices[i]]) * query.Terms.Values[i] * _terms[slot].Values[at];
                    shares = true;
                }
                if (shares) scored.Add(new RankedPaper(Papers.IdOf(slot), score));
            }
            return [.. scored.OrderByDescending(hit => hit.Score).ThenBy(hit => hit.PaperId, StringComparer.Ordinal).Take(query.Candidates)];
        }
    }
}
