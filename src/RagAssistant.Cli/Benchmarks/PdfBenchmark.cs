using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Benchmarks;

/// <summary>
/// <c>rag bench --pdf &lt;folder&gt;</c>: the PDFs directly in the folder (not its subfolders, where hostile files are
/// kept) read several times for parsing throughput, then indexed end to end into a scratch store — where the time goes:
/// reading, the model, the store's writes — and the same papers indexed once more without their body, for the index
/// size per paper with and without full text. Pages per second count the PDFs' pages.
/// </summary>
internal static class PdfBenchmark
{
    public static async Task RunAsync(
        System.CommandLine.ParseResult parse, string folder, int rounds, IEmbeddingGenerator<string, Embedding<float>>? model, Action<Dictionary<string, object>> record,
        CancellationToken cancellationToken)
    {
        var files = Directory.GetFiles(folder, "*.pdf", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new UsageException($"--pdf: no PDF directly in {folder}.");
        var reader = new PaperFileReader(PaperFileReader.DefaultMaxFileBytes);
        var papers = files.SelectMany(file => reader.ReadFile(file).Entries).ToList();
        var pages = papers.Sum(paper => paper.Pages ?? 0);

        var parsing = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var file in files) reader.ReadFile(file);
        }
        record(new()
        {
            ["benchmark"] = "pdf_parse",
            ["files"] = files.Count,
            ["pages"] = pages,
            ["rounds"] = rounds,
            ["seconds"] = Math.Round(parsing.Elapsed.TotalSeconds, 2),
            ["pages_per_second"] = Math.Round(pages * rounds / parsing.Elapsed.TotalSeconds, 1),
        });

        var withBody = await IndexAsync(parse, files, null, Timed(model), cancellationToken);
        record(new()
        {
            ["benchmark"] = "pdf_index",
            ["store"] = withBody.Store,
            ["papers"] = withBody.Summary.Papers,
            ["pages"] = pages,
            ["chunks"] = withBody.Summary.Chunks,
            ["seconds"] = Math.Round(withBody.Summary.Seconds, 2),
            ["pages_per_second"] = Math.Round(pages / withBody.Summary.Seconds, 1),
            ["read_seconds"] = Math.Round(withBody.ReadSeconds, 2),
            ["model_seconds"] = Math.Round(withBody.ModelSeconds, 2),
            ["upsert_seconds"] = Math.Round(withBody.UpsertSeconds, 2),
        });

        // The same papers as an abstract-only source gives them: no body, no page count.
        var abstractsOnly = papers.Select(paper => paper with { Body = null, Pages = null }).ToList();
        var withoutBody = await IndexAsync(parse, files, abstractsOnly, Timed(model), cancellationToken);
        record(new()
        {
            ["benchmark"] = "pdf_index_size",
            ["store"] = withBody.Store,
            ["papers"] = papers.Count,
            ["bytes_per_paper_full_text"] = withBody.Bytes / papers.Count,
            ["bytes_per_paper_abstract_only"] = withoutBody.Bytes / papers.Count,
            ["chunks_per_paper_full_text"] = Math.Round((double)withBody.Summary.Chunks / papers.Count, 1),
            ["chunks_per_paper_abstract_only"] = Math.Round((double)withoutBody.Summary.Chunks / papers.Count, 1),
        });
    }

    /// <summary>A fresh wrapper per run, so no run is answered from vectors another remembered.</summary>
    private static TimedEmbeddingGenerator? Timed(IEmbeddingGenerator<string, Embedding<float>>? model) => model is null ? null : new TimedEmbeddingGenerator(model);

    private sealed record Run(string Store, IndexSummary Summary, double ReadSeconds, double ModelSeconds, double UpsertSeconds, long Bytes);

    /// <summary>
    /// One scratch index of <paramref name="files"/> (or, given, of <paramref name="papers"/> already read). Its size is
    /// the bytes in its data directory after the writes, write-ahead log included (the embedded store; a Qdrant
    /// collection lives in the server, so with <c>--store qdrant</c> the size rows say nothing).
    /// </summary>
    private static async Task<Run> IndexAsync(
        System.CommandLine.ParseResult parse, IReadOnlyList<string> files, IReadOnlyList<Paper>? papers, TimedEmbeddingGenerator? embedder, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("rag-bench-pdf-");
        try
        {
            using var host = CliHost.Build(ScratchIndex.Settings(parse, scratch));
            var services = host.Services;
            var index = new TimedPaperIndex(services.GetRequiredService<IPaperIndex>());
            try
            {
                embedder?.ResetTime();
                var reader = services.GetRequiredService<PaperFileReader>();
                var indexer = new PaperIndexer(index, reader, services.GetRequiredService<AbstractChunker>(), embedder);
                var clock = Stopwatch.StartNew();
                var ingestion = papers is null ? reader.Read(files) : new IngestionResult(files.Count, papers.Count, papers, []);
                var readSeconds = clock.Elapsed.TotalSeconds;
                var summary = await indexer.IndexAsync(ingestion, clock, rebuild: true, cancellationToken: cancellationToken);
                var bytes = scratch.EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
                return new Run(index.Name, summary, readSeconds, embedder?.ModelTime.TotalSeconds ?? 0, index.UpsertTime.TotalSeconds, bytes);
            }
            finally
            {
                await ScratchIndex.DropAsync(index);
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
