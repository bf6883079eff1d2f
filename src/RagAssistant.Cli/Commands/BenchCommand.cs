using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Cli.Benchmarks;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Qdrant.Client;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag bench --beir &lt;dir&gt;</c>: embedding throughput, indexing throughput and query latency
/// at the corpus's own size and at larger sizes built by repeating it under new ids.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var beir = new Option<string>("--beir") { Description = "A BEIR-layout corpus to build from.", DefaultValueFactory = _ => "../shared/eval/scifact" };
        var sizes = new Option<int[]>("--sizes") { Description = "Corpus sizes in papers.", DefaultValueFactory = _ => [5183, 100_000], AllowMultipleArgumentsPerToken = true };
        var queries = new Option<int>("--queries") { Description = "Queries timed per mode.", DefaultValueFactory = _ => 200 };
        var command = new Command("bench", "Measure embedding and indexing throughput and query latency.") { beir, sizes, queries };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var dataset = BeirDataset.Load(parse.GetValue(beir)!, "train");
            var corpus = new PaperFileReader(long.MaxValue).Read([dataset.CorpusPath]).Papers;
            var questions = dataset.Queries.Take(parse.GetValue(queries)).Select(query => query.Text).ToList();
            var json = parse.GetValue(GlobalOptions.Json);
            var report = new List<Dictionary<string, object>>();
            void Record(Dictionary<string, object> row)
            {
                report.Add(row);
                if (!json) Console.WriteLine(string.Join("  ", row.Select(pair => $"{pair.Key}={pair.Value}")));
            }

            // One model for every size, so the vectors remembered for the corpus serve its repetitions.
            await using var modelServices = CliHost.Build(GlobalOptions.Overrides(parse));
            var model = modelServices.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
            var embedder = model is null ? null : new TimedEmbeddingGenerator(model);
            if (model is not null)
            {
                // The model itself: the timed wrapper would answer repeated texts from memory.
                foreach (var row in await MeasureEmbeddingAsync(model, corpus, modelServices.GetRequiredService<AbstractChunker>(), cancellationToken)) Record(row);
            }
            foreach (var size in parse.GetValue(sizes)!)
            {
                var scratch = Directory.CreateTempSubdirectory("rag-bench-");
                var overrides = GlobalOptions.Overrides(parse);
                overrides["Rag:DataDir"] = scratch.FullName;
                overrides["Qdrant:Collection"] = $"bench-{Guid.NewGuid():N}";
                try
                {
                    await using var services = CliHost.Build(overrides);
                    var index = services.GetRequiredService<IPaperIndex>();
                    var papers = Repeat(corpus, size);
                    embedder?.ResetTime();
                    var indexer = new PaperIndexer(index, services.GetRequiredService<PaperFileReader>(), services.GetRequiredService<AbstractChunker>(), embedder);
                    var summary = await indexer.IndexAsync(new IngestionResult(1, papers.Count, papers, []), Stopwatch.StartNew(), rebuild: true, cancellationToken: cancellationToken);
                    var modelSeconds = embedder?.ModelTime.TotalSeconds ?? 0;
                    var optimizeSeconds = await WaitUntilQdrantIsOptimizedAsync(services, overrides["Qdrant:Collection"]!, index, cancellationToken);
                    Record(new()
                    {
                        ["benchmark"] = "index",
                        ["store"] = index.Name,
                        ["papers"] = summary.Papers,
                        ["chunks"] = summary.Chunks,
                        ["seconds"] = Math.Round(summary.Seconds, 2),
                        ["papers_per_second"] = Math.Round(summary.Papers / summary.Seconds, 1),
                        ["model_seconds"] = Math.Round(modelSeconds, 2),
                        ["model_share"] = Math.Round(modelSeconds / summary.Seconds, 3),
                        ["optimize_seconds"] = Math.Round(optimizeSeconds, 1),
                    });

                    var search = new PaperSearch(new PaperRetriever(index, embedder));
                    foreach (var mode in embedder is null ? [SearchMode.Sparse] : new[] { SearchMode.Sparse, SearchMode.Dense, SearchMode.Hybrid })
                    {
                        Record(await MeasureQueriesAsync(search, index.Name, summary.Papers, mode, questions, cancellationToken));
                    }
                    await index.ClearAsync(cancellationToken);
                }
                finally
                {
                    scratch.Delete(recursive: true);
                }
            }
            if (json) CliOutput.WriteJson(new { Benchmarks = report });
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Qdrant builds its vector index in the background after the upserts return; queries are timed once
    /// the collection is green again, as a running deployment would be.
    /// </summary>
    private static async Task<double> WaitUntilQdrantIsOptimizedAsync(IServiceProvider services, string collection, IPaperIndex index, CancellationToken cancellationToken)
    {
        if (index.Name != "qdrant") return 0;
        var client = services.GetRequiredService<QdrantClient>();
        var stopwatch = Stopwatch.StartNew();
        while ((await client.GetCollectionAsync(collection, cancellationToken)).Status != "green" && stopwatch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(500, cancellationToken);
        }
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<List<Dictionary<string, object>>> MeasureEmbeddingAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<Paper> corpus, AbstractChunker chunker, CancellationToken cancellationToken)
    {
        var texts = corpus.Take(200).SelectMany(chunker.Chunk).Select(chunk => chunk.Text).Take(256).ToList();
        await embedder.GenerateAsync(texts.Take(8), cancellationToken: cancellationToken); // load the model outside the timing
        var rows = new List<Dictionary<string, object>>();
        foreach (var batch in new[] { 1, 8, 32 })
        {
            var stopwatch = Stopwatch.StartNew();
            foreach (var group in texts.Chunk(batch)) await embedder.GenerateAsync(group, cancellationToken: cancellationToken);
            rows.Add(new()
            {
                ["benchmark"] = "embed",
                ["batch"] = batch,
                ["texts"] = texts.Count,
                ["texts_per_second"] = Math.Round(texts.Count / stopwatch.Elapsed.TotalSeconds, 1),
            });
        }
        return rows;
    }

    private static async Task<Dictionary<string, object>> MeasureQueriesAsync(
        PaperSearch search, string store, int papers, SearchMode mode, IReadOnlyList<string> questions, CancellationToken cancellationToken)
    {
        await search.SearchAsync(questions[0], 10, mode, cancellationToken: cancellationToken); // loads the in-memory snapshot
        var latencies = new List<double>();
        foreach (var question in questions)
        {
            var stopwatch = Stopwatch.StartNew();
            await search.SearchAsync(question, 10, mode, cancellationToken: cancellationToken);
            latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        return new()
        {
            ["benchmark"] = "query",
            ["store"] = store,
            ["papers"] = papers,
            ["mode"] = mode.ToString().ToLowerInvariant(),
            ["queries"] = latencies.Count,
            ["p50_ms"] = Math.Round(RetrievalMetrics.Percentile(latencies, 0.50), 2),
            ["p95_ms"] = Math.Round(RetrievalMetrics.Percentile(latencies, 0.95), 2),
        };
    }

    /// <summary>The corpus repeated under new ids ("id~2", "id~3", …) until it holds <paramref name="size"/> papers.</summary>
    private static IReadOnlyList<Paper> Repeat(IReadOnlyList<Paper> corpus, int size) =>
        [.. Enumerable.Range(0, size).Select(i =>
        {
            var paper = corpus[i % corpus.Count];
            var round = i / corpus.Count;
            return round == 0 ? paper : paper with { Id = $"{paper.Id}~{round + 1}" };
        })];
}
