using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Bm25;

namespace RagAssistant.Sqlite;

public sealed partial class EmbeddedPaperIndex
{
    /// <summary>
    /// Every stored paper as it was written — its chunks with their vectors, and its BM25 terms — in id order: what
    /// the benchmark builds its larger corpora from, so a corpus embedded once serves every later run.
    /// </summary>
    public async IAsyncEnumerable<IndexedPaper> ReadIndexedPapersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT p.id, p.title, p.abstract, p.date, p.author_count, p.upvotes, p.url, p.source_file, p.source_line,
                   p.term_indices, p.term_weights, c.ordinal, c.body, c.vector
            FROM papers p LEFT JOIN chunks c ON c.paper_id = p.id
            ORDER BY p.id, c.ordinal
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        (Paper Paper, SparseVector Terms, List<Chunk> Chunks, List<ReadOnlyMemory<float>> Vectors)? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (current?.Paper.Id != id)
            {
                if (current is { } done) yield return new IndexedPaper(done.Paper, done.Chunks, done.Vectors, done.Terms);
                var terms = new SparseVector(
                    MemoryMarshal.Cast<byte, uint>((byte[])reader[9]).ToArray(),
                    MemoryMarshal.Cast<byte, float>((byte[])reader[10]).ToArray());
                current = (ToPaper(reader), terms, [], []);
            }
            if (reader.IsDBNull(11)) continue;
            current.Value.Chunks.Add(new Chunk(id, reader.GetInt32(11), current.Value.Paper.Title, reader.GetString(12)));
            if (!reader.IsDBNull(13)) current.Value.Vectors.Add(MemoryMarshal.Cast<byte, float>((byte[])reader[13]).ToArray());
        }
        if (current is { } last) yield return new IndexedPaper(last.Paper, last.Chunks, last.Vectors, last.Terms);
    }
}
