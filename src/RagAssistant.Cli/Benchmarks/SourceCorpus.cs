using System.Diagnostics;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Sqlite;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// The benchmark's real corpus, embedded by the product's indexer into an embedded store and read back whole: the
/// vectors and terms every corpus size is built from (<see cref="SyntheticCorpus"/>). In a kept folder
/// (<c>rag bench --index-dir</c>) only papers new or changed since the last run are embedded.
/// </summary>
internal static class SourceCorpus
{
    public static async Task<(IReadOnlyList<IndexedPaper> Papers, Dictionary<string, object> Row)> LoadAsync(
        IReadOnlyList<Paper> corpus, string? keptDirectory, PaperFileReader reader, AbstractChunker chunker,
        TimedEmbeddingGenerator? embedder, CancellationToken cancellationToken)
    {
        var folder = keptDirectory is null ? Directory.CreateTempSubdirectory("rag-bench-source-") : Directory.CreateDirectory(keptDirectory);
        try
        {
            await using var index = new EmbeddedPaperIndex(folder.FullName);
            embedder?.ResetTime();
            var summary = await new PaperIndexer(index, reader, chunker, embedder)
                .IndexAsync(new IngestionResult(1, corpus.Count, corpus, []), Stopwatch.StartNew(), cancellationToken: cancellationToken);
            var papers = new List<IndexedPaper>(corpus.Count);
            await foreach (var paper in index.ReadIndexedPapersAsync(cancellationToken)) papers.Add(paper);
            var row = new Dictionary<string, object>
            {
                ["benchmark"] = "source",
                ["papers"] = papers.Count,
                ["chunks"] = papers.Sum(paper => paper.Chunks.Count),
                ["embedded_papers"] = summary.Added + summary.Updated,
                ["seconds"] = Math.Round(summary.Seconds, 2),
                ["model_seconds"] = Math.Round(embedder?.ModelTime.TotalSeconds ?? 0, 2),
            };
            return (papers, row);
        }
        finally
        {
            if (keptDirectory is null) folder.Delete(recursive: true);
        }
    }
}
