using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Sqlite;

public sealed partial class EmbeddedPaperIndex
{
    /// <summary>
    /// Every stored paper as it was written — its chunks with their vectors, its BM25 terms, its sentences and title
    /// vector — in id order: what
    /// the benchmark builds its larger corpora from, so a corpus embedded once serves every later run.
    /// </summary>
    public async IAsyncEnumerable<IndexedPaper> ReadIndexedPapersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT p.id, p.title, p.abstract, p.date, p.author_count, p.upvotes, p.url, p.source_file, p.source_line,
                   p.authors, p.pages, p.term_indices, p.term_weights, c.ordinal, c.body, c.vector
            FROM papers p LEFT JOIN chunks c ON c.paper_id = p.id
            ORDER BY p.id, c.ordinal
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        (Paper Paper, SparseVector Terms, List<Chunk> Chunks, List<ReadOnlyMemory<float>> Vectors)? current = null;
        var pending = new List<(Paper Paper, SparseVector Terms, List<Chunk> Chunks, List<ReadOnlyMemory<float>> Vectors)>(SentencesPerRead);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (current?.Paper.Id != id)
            {
                if (current is { } done) pending.Add(done);
                if (pending.Count == SentencesPerRead)
                {
                    foreach (var paper in await WithSentencesAsync(pending, cancellationToken)) yield return paper;
                    pending.Clear();
                }
                var terms = new SparseVector(
                    MemoryMarshal.Cast<byte, uint>((byte[])reader[11]).ToArray(),
                    MemoryMarshal.Cast<byte, float>((byte[])reader[12]).ToArray());
                current = (ToPaper(reader), terms, [], []);
            }
            if (reader.IsDBNull(13)) continue;
            // The body as the chunk's one sentence: it is written back as the same text, and the paper's sentences travel apart.
            current.Value.Chunks.Add(new Chunk(id, reader.GetInt32(13), current.Value.Paper.Title, [reader.GetString(14)]));
            if (!reader.IsDBNull(15)) current.Value.Vectors.Add(MemoryMarshal.Cast<byte, float>((byte[])reader[15]).ToArray());
        }
        if (current is { } last) pending.Add(last);
        foreach (var paper in await WithSentencesAsync(pending, cancellationToken)) yield return paper;
    }

    /// <summary>Papers whose sentences are read in one query.</summary>
    private const int SentencesPerRead = 512;

    private async Task<IEnumerable<IndexedPaper>> WithSentencesAsync(
        List<(Paper Paper, SparseVector Terms, List<Chunk> Chunks, List<ReadOnlyMemory<float>> Vectors)> papers, CancellationToken cancellationToken)
    {
        var sentences = (await GetSentencesAsync([.. papers.Select(paper => paper.Paper.Id)], cancellationToken)).ToDictionary(found => found.PaperId, StringComparer.Ordinal);
        return [.. papers.Select(paper => new IndexedPaper(paper.Paper, paper.Chunks, paper.Vectors, paper.Terms,
            sentences.GetValueOrDefault(paper.Paper.Id) ?? PaperSentences.Unembedded(paper.Paper.Id, paper.Chunks)))];
    }
}
