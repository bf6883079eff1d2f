using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Qdrant.Client.Grpc;
using RagAssistant.Cli.Benchmarks;
using RagAssistant.Contracts;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;
using RagAssistant.Qdrant;
using RagAssistant.Qdrant.Connection;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag bench --beir &lt;dir&gt;</c>: embedding throughput, then for each corpus size (the corpus repeated under
/// new ids) indexing and upsert throughput and search latency per mode. Search is timed without the question's
/// embedding: every question is embedded once before the timing (that time is reported apart), and the search is
/// handed an embedder that remembers it. With <c>--store qdrant</c> each search is followed by the store's own
/// ranking request sent bare through Qdrant.Client, so the two latencies come from the same run and queries.
/// </summary>
internal static class BenchCommand
{
    private static readonly SearchMode[] Modes = [SearchMode.Sparse, SearchMode.Dense, SearchMode.Hybrid, SearchMode.Reranked];

    public static Command Create()
    {
        var beir = new Option<string>("--beir") { Description = "A BEIR-layout corpus to build from.", DefaultValueFactory = _ => "eval/scifact" };
        var sizes = new Option<int[]>("--sizes") { Description = "Corpus sizes in papers.", DefaultValueFactory = _ => [5000, 100_000], AllowMultipleArgumentsPerToken = true };
        var queries = new Option<int>("--queries") { Description = "Queries timed per mode.", DefaultValueFactory = _ => 200 };
        var command = new Command("bench", "Measure embedding, indexing and upsert throughput and search latency (one JSON line per result with --json).") { beir, sizes, queries };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var dataset = BeirDataset.Load(parse.GetValue(beir)!, "train");
            var corpus = new PaperFileReader(long.MaxValue).Read([dataset.CorpusPath]).Papers;
            var questions = dataset.Queries.Take(parse.GetValue(queries)).Select(query => query.Text).ToList();
            var json = parse.GetValue(GlobalOptions.Json);
            void Record(Dictionary<string, object> row)
            {
                if (json) CliOutput.WriteJson(row);
                else Console.WriteLine(string.Join("  ", row.Select(pair => $"{pair.Key}={pair.Value}")));
            }

            // One model for every size, so the vectors remembered for the corpus and the questions serve them all.
            using var modelHost = CliHost.Build(GlobalOptions.Overrides(parse));
            var modelServices = modelHost.Services;
            var model = modelServices.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
            var embedder = model is null ? null : new TimedEmbeddingGenerator(model);
            if (model is not null)
            {
                // The model itself: the timed wrapper would answer repeated texts from memory.
                foreach (var row in await MeasureEmbeddingAsync(model, corpus, modelServices.GetRequiredService<AbstractChunker>(), cancellationToken)) Record(row);
            }
            List<double>? questionEmbedding = null;
            foreach (var size in parse.GetValue(sizes)!)
            {
                var scratch = Directory.CreateTempSubdirectory("rag-bench-");
                var overrides = ScratchIndex.Settings(parse, scratch);
                try
                {
                    using var host = CliHost.Build(overrides);
                    var services = host.Services;
                    var index = new TimedPaperIndex(services.GetRequiredService<IPaperIndex>());
                    try
                    {
                        Record(await IndexAsync(services, index, embedder, Repeat(corpus, size), cancellationToken));

                        var search = new PaperSearch(new PaperRetriever(index, embedder, ranker: services.GetRequiredService<LearnedRanker>()));
                        // Embeds each question once (timed, on the first size) and warms the store; the timed searches below reuse these vectors.
                        questionEmbedding ??= [];
                        foreach (var question in questions)
                        {
                            embedder?.ResetTime();
                            await search.SearchAsync(question, 10, cancellationToken: cancellationToken);
                            if (embedder is not null && embedder.ModelTime > TimeSpan.Zero) questionEmbedding.Add(embedder.ModelTime.TotalMilliseconds);
                        }
                        var bare = index.Name == QdrantServiceCollectionExtensions.StoreKey
                            ? new BareQdrantQuery(services.GetRequiredService<QdrantConnection>(), overrides["Qdrant:Collection"]!, storeHasVectors: embedder is not null)
                            : null;
                        foreach (var mode in embedder is null ? [SearchMode.Sparse] : Modes)
                        {
                            foreach (var row in await MeasureSearchAsync(search, index, bare, size, mode, questions, questionEmbedding, cancellationToken)) Record(row);
                        }
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
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The product's indexer on the repeated corpus; upsert throughput counts only the time spent inside the store's writes.</summary>
    private static async Task<Dictionary<string, object>> IndexAsync(
        IServiceProvider services, TimedPaperIndex index, TimedEmbeddingGenerator? embedder, IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        embedder?.ResetTime();
        var indexer = new PaperIndexer(index, services.GetRequiredService<PaperFileReader>(), services.GetRequiredService<AbstractChunker>(), embedder);
        var summary = await indexer.IndexAsync(new IngestionResult(1, papers.Count, papers, []), Stopwatch.StartNew(), rebuild: true, cancellationToken: cancellationToken);
        var modelSeconds = embedder?.ModelTime.TotalSeconds ?? 0;
        var optimizeSeconds = index.Name == QdrantServiceCollectionExtensions.StoreKey ? await WaitUntilQdrantIsOptimizedAsync(services, cancellationToken) : 0;
        return new()
        {
            ["benchmark"] = "index",
            ["store"] = index.Name,
            ["size"] = summary.Papers,
            ["chunks"] = summary.Chunks,
            ["seconds"] = Math.Round(summary.Seconds, 2),
            ["papers_per_second"] = Math.Round(summary.Papers / summary.Seconds, 1),
            ["model_seconds"] = Math.Round(modelSeconds, 2),
            ["upsert_seconds"] = Math.Round(index.UpsertTime.TotalSeconds, 2),
            // Whole papers written per second inside the store's upserts: each is one Qdrant point holding this many chunk vectors, its BM25 terms and its payload.
            ["points_per_second"] = Math.Round(index.Upserted / index.UpsertTime.TotalSeconds, 0),
            ["vectors_per_point"] = embedder is null ? 0 : Math.Round((double)summary.Chunks / summary.Papers, 2),
            ["optimize_seconds"] = Math.Round(optimizeSeconds, 1),
        };
    }

    /// <summary>
    /// Qdrant builds its vector index in the background after the upserts return; searches are timed once
    /// the collection is green again, as a running deployment would be.
    /// </summary>
    private static async Task<double> WaitUntilQdrantIsOptimizedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var connection = services.GetRequiredService<QdrantConnection>();
        var collection = services.GetRequiredService<IOptions<QdrantOptions>>().Value.Collection;
        var stopwatch = Stopwatch.StartNew();
        while ((await connection.Client.GetCollectionInfoAsync(collection, cancellationToken)).Status != CollectionStatus.Green
               && stopwatch.Elapsed < TimeSpan.FromMinutes(10))
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

    /// <summary>
    /// Each question searched through <see cref="PaperSearch"/> (its embedding remembered), then, for Qdrant, the same ranking
    /// request sent bare. Two rows: the latencies, and where the search's time went (the rankings call, the call fetching
    /// the papers that survived the cut, and everything in between: encoding the question's terms, fusion, snippets).
    /// </summary>
    private static async Task<List<Dictionary<string, object>>> MeasureSearchAsync(
        PaperSearch search, TimedPaperIndex index, BareQdrantQuery? bare, int size, SearchMode mode,
        IReadOnlyList<string> questions, IReadOnlyList<double> questionEmbedding, CancellationToken cancellationToken)
    {
        var project = new List<double>();
        var (rank, fetch, other) = (new List<double>(), new List<double>(), new List<double>());
        var qdrant = new List<double>();
        foreach (var question in questions)
        {
            var stopwatch = Stopwatch.StartNew();
            await search.SearchAsync(question, 10, mode, cancellationToken: cancellationToken);
            var total = stopwatch.Elapsed;
            project.Add(total.TotalMilliseconds);
            var calls = index.LastSearchCalls;
            rank.Add(calls.Rank.TotalMilliseconds);
            fetch.Add(calls.Fetch.TotalMilliseconds);
            other.Add((total - calls.Rank - calls.Fetch).TotalMilliseconds);
            if (bare is not null && index.LastQuery is { } sent) qdrant.Add((await bare.TimeAsync(sent, cancellationToken)).TotalMilliseconds);
        }
        var modeName = mode.ToString().ToLowerInvariant();
        var row = new Dictionary<string, object>
        {
            ["store"] = index.Name,
            ["size"] = size,
            ["mode"] = modeName,
            ["p50_ms"] = Milliseconds(project, 0.50),
            ["p95_ms"] = Milliseconds(project, 0.95),
            ["embed_p50_ms"] = Milliseconds(questionEmbedding, 0.50),
        };
        if (bare is not null)
        {
            row["qdrant_p50_ms"] = Milliseconds(qdrant, 0.50);
            row["qdrant_p95_ms"] = Milliseconds(qdrant, 0.95);
        }
        var parts = new Dictionary<string, object>
        {
            ["benchmark"] = "search_parts",
            ["store"] = index.Name,
            ["size"] = size,
            ["search_mode"] = modeName,
            ["rank_p50_ms"] = Milliseconds(rank, 0.50),
            ["fetch_p50_ms"] = Milliseconds(fetch, 0.50),
            ["other_p50_ms"] = Milliseconds(other, 0.50),
        };
        return [row, parts];
    }

    private static double Milliseconds(IReadOnlyList<double> samples, double share) => Math.Round(RetrievalMetrics.Percentile(samples, share), 2);

    /// <summary>The corpus repeated under new ids ("id~2", "id~3", …) until it holds <paramref name="size"/> papers.</summary>
    private static IReadOnlyList<Paper> Repeat(IReadOnlyList<Paper> corpus, int size) =>
        [.. Enumerable.Range(0, size).Select(i =>
        {
            var paper = corpus[i % corpus.Count];
            var round = i / corpus.Count;
            return round == 0 ? paper : paper with { Id = $"{paper.Id}~{round + 1}" };
        })];
}
