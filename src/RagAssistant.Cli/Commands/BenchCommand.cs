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
using RagAssistant.Sqlite;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag bench --beir &lt;dir&gt;</c>: embedding throughput; the corpus embedded once by the product's indexer
/// (<see cref="SourceCorpus"/>, kept with <c>--index-dir</c>); then for each size a fresh store written from it (the real
/// papers, then <see cref="SyntheticCorpus"/> mixes of them), reporting build time, the time to open the store again,
/// its working set after warm-up and its size on disk, search latency per mode and, for the embedded store, dense
/// recall@10 against exact search. Search is timed without the question's embedding: every question is embedded once
/// before the timing (that time is reported apart), and the search is handed an embedder that remembers it. With
/// <c>--store qdrant</c> each search is followed by the store's own ranking request sent bare through Qdrant.Client,
/// so the two latencies come from the same run and queries. <c>rag bench --pdf &lt;dir&gt;</c> measures PDF parsing and
/// full-text indexing instead (<see cref="PdfBenchmark"/>).
/// </summary>
internal static class BenchCommand
{
    private static readonly SearchMode[] Modes = [SearchMode.Sparse, SearchMode.Dense, SearchMode.Hybrid, SearchMode.Reranked];

    /// <summary>Papers per write while building a size: the most the product's writer puts in one.</summary>
    private const int PapersPerWrite = 512;

    public static Command Create()
    {
        var beir = new Option<string>("--beir") { Description = "A BEIR-layout corpus to build from.", DefaultValueFactory = _ => "eval/scifact" };
        var sizes = new Option<int[]>("--sizes") { Description = "Corpus sizes in papers.", DefaultValueFactory = _ => [5000, 100_000], AllowMultipleArgumentsPerToken = true };
        var queries = new Option<int>("--queries") { Description = "Queries timed per mode.", DefaultValueFactory = _ => 200 };
        var indexDir = new Option<string?>("--index-dir")
        {
            Description = "Keep the embedded corpus (the source of every size) in this folder and reuse it on the next run: only new or changed papers are embedded.",
        };
        var pdf = new Option<string?>("--pdf") { Description = "Instead: PDF parsing and full-text indexing throughput (pages/s) and index size per paper with and without full text, on the PDFs directly in this folder (e.g. samples/pdf)." };
        var rounds = new Option<int>("--rounds") { Description = "With --pdf: times the PDFs are parsed for the parsing throughput.", DefaultValueFactory = _ => 3 };
        var graphBreadths = new Option<int[]>("--graph-breadths")
        {
            Description = "At each size the embedded store searches through its graph: dense recall and ranking time for each of these search breadths (chunks asked of the graph, HNSW's ef; never fewer than 300), e.g. 300 1000 2000 4000.",
            AllowMultipleArgumentsPerToken = true,
        };
        var noGraphRebuild = new Option<bool>("--no-graph-rebuild")
        {
            Description = "Do not time rebuilding the embedded store's graph from SQLite at each size (about as long again as building the size).",
        };
        var command = new Command("bench", "Measure embedding, indexing and upsert throughput, store footprint and search latency (one JSON line per result with --json).")
        {
            beir, sizes, queries, indexDir, pdf, rounds, noGraphRebuild, graphBreadths,
        };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            if (parse.GetValue(pdf) is { } pdfFolder)
            {
                using var pdfHost = CliHost.Build(GlobalOptions.Overrides(parse));
                await PdfBenchmark.RunAsync(parse, pdfFolder, Math.Max(1, parse.GetValue(rounds)),
                    pdfHost.Services.GetService<IEmbeddingGenerator<string, Embedding<float>>>(), row => Write(parse, row), cancellationToken);
                return ExitCodes.Success;
            }
            var dataset = BeirDataset.Load(parse.GetValue(beir)!, "train");
            var corpus = new PaperFileReader(long.MaxValue).Read([dataset.CorpusPath]).Papers;
            var questions = dataset.Queries.Take(parse.GetValue(queries)).Select(query => query.Text).ToList();
            void Record(Dictionary<string, object> row) => Write(parse, row);

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
            var (source, sourceRow) = await SourceCorpus.LoadAsync(corpus, parse.GetValue(indexDir), modelServices.GetRequiredService<PaperFileReader>(),
                modelServices.GetRequiredService<AbstractChunker>(), embedder, cancellationToken);
            Record(sourceRow);
            var signature = await EmbeddingSignature.OfAsync(embedder, cancellationToken);
            List<double>? questionEmbedding = null;
            foreach (var size in parse.GetValue(sizes)!)
            {
                var scratch = Directory.CreateTempSubdirectory("rag-bench-");
                var overrides = ScratchIndex.Settings(parse, scratch);
                try
                {
                    using (var builder = CliHost.Build(overrides))
                    {
                        var written = new TimedPaperIndex(builder.Services.GetRequiredService<IPaperIndex>());
                        Record(await BuildAsync(builder.Services, written, signature, SyntheticCorpus.Build(source, size), cancellationToken));
                    } // closing the store saves what it keeps beside its file (the embedded store's graph)
                    double? rebuildSeconds = parse.GetValue(noGraphRebuild) ? null : await RebuildGraphAsync(overrides, scratch, signature, cancellationToken);

                    StoreFootprint.ReleaseFreedMemory();
                    var baseline = StoreFootprint.WorkingSetMegabytes();
                    var opening = Stopwatch.StartNew();
                    var host = CliHost.Build(overrides);
                    var services = host.Services;
                    var index = new TimedPaperIndex(services.GetRequiredService<IPaperIndex>());
                    try
                    {
                        await index.OpenAsync(signature, cancellationToken);
                        var search = new PaperSearch(new PaperRetriever(index, embedder, ranker: services.GetRequiredService<LearnedRanker>()));
                        await search.SearchAsync(questions[0], 10, cancellationToken: cancellationToken);
                        var openSeconds = opening.Elapsed.TotalSeconds;

                        // Embeds each question once (timed, on the first size) and warms the store; the timed searches below reuse these vectors.
                        questionEmbedding ??= [];
                        foreach (var question in questions)
                        {
                            embedder?.ResetTime();
                            await search.SearchAsync(question, 10, cancellationToken: cancellationToken);
                            if (embedder is not null && embedder.ModelTime > TimeSpan.Zero) questionEmbedding.Add(embedder.ModelTime.TotalMilliseconds);
                        }
                        Record(Footprint(index.Name, size, openSeconds, rebuildSeconds, baseline, scratch));
                        var bare = index.Name == QdrantServiceCollectionExtensions.StoreKey
                            ? new BareQdrantQuery(services.GetRequiredService<QdrantConnection>(), overrides["Qdrant:Collection"]!, storeHasVectors: embedder is not null)
                            : null;
                        foreach (var mode in embedder is null ? [SearchMode.Sparse] : Modes)
                        {
                            foreach (var row in await MeasureSearchAsync(search, index, bare, size, mode, questions, questionEmbedding, cancellationToken)) Record(row);
                        }
                        if (embedder is not null && index.Name == SqliteServiceCollectionExtensions.StoreKey)
                        {
                            var vectors = new List<ReadOnlyMemory<float>>();
                            foreach (var question in questions) vectors.Add((await embedder.GenerateAsync([question], QueryEmbedding.Options, cancellationToken))[0].Vector);
                            var (recall, exact) = await DenseRecall.MeasureAsync(index, scratch.FullName, size, vectors, cancellationToken);
                            Record(recall);
                            if (parse.GetValue(graphBreadths) is { Length: > 0 } breadths && StoreFootprint.DiskMegabytes(scratch.FullName, $"{EmbeddedPaperIndex.FileName}.graph") > 0)
                            {
                                foreach (var row in await GraphBreadthSweep.MeasureAsync(scratch.FullName, size, vectors, exact, breadths, cancellationToken)) Record(row);
                            }
                        }
                        Record(await AddAsync(index, search, SyntheticCorpus.Added(source, PapersAdded).ToList(), size, questions[0], cancellationToken));
                    }
                    finally
                    {
                        // Qdrant's scratch collection is dropped; the embedded store's folder is deleted whole below, which
                        // is instant, where clearing a million papers row by row first would take many minutes.
                        try
                        {
                            if (index.Name != SqliteServiceCollectionExtensions.StoreKey) await ScratchIndex.DropAsync(index);
                        }
                        finally
                        {
                            host.Dispose();
                        }
                    }
                    if (index.Name == SqliteServiceCollectionExtensions.StoreKey)
                    {
                        // Closed and opened again: its files are now in the page cache, as when a user restarts the app.
                        Record(new Dictionary<string, object>
                        {
                            ["benchmark"] = "reopen",
                            ["store"] = index.Name,
                            ["size"] = size,
                            ["open_seconds"] = Math.Round(await TimeOpenAsync(overrides, signature, embedder, questions[0], cancellationToken), 2),
                        });
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

    /// <summary>One measurement: a JSON line with --json, else key=value pairs.</summary>
    private static void Write(System.CommandLine.ParseResult parse, Dictionary<string, object> row)
    {
        if (parse.GetValue(GlobalOptions.Json)) CliOutput.WriteJson(row);
        else Console.WriteLine(string.Join("  ", row.Select(pair => $"{pair.Key}={pair.Value}")));
    }

    /// <summary>
    /// Writes the size's papers into a fresh store, in the batches the product's writer uses; the vectors come from the
    /// source corpus, so no model time is spent. Upsert throughput counts only the time inside the store's writes, which
    /// for the embedded store includes bringing its search indexes and graph up to date.
    /// </summary>
    private static async Task<Dictionary<string, object>> BuildAsync(
        IServiceProvider services, TimedPaperIndex index, EmbeddingSignature signature, IEnumerable<IndexedPaper> papers, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await index.OpenAsync(signature, cancellationToken);
        var (count, chunks) = (0, 0L);
        foreach (var batch in papers.Chunk(PapersPerWrite))
        {
            await index.UpsertAsync(batch, cancellationToken);
            count += batch.Length;
            chunks += batch.Sum(paper => paper.Chunks.Count);
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var optimizeSeconds = index.Name == QdrantServiceCollectionExtensions.StoreKey ? await WaitUntilQdrantIsOptimizedAsync(services, cancellationToken) : 0;
        return new()
        {
            ["benchmark"] = "index",
            ["store"] = index.Name,
            ["size"] = count,
            ["chunks"] = chunks,
            ["seconds"] = Math.Round(seconds, 2),
            ["papers_per_second"] = Math.Round(count / seconds, 1),
            ["model_seconds"] = 0,
            ["upsert_seconds"] = Math.Round(index.UpsertTime.TotalSeconds, 2),
            // Whole papers written per second inside the store's upserts: each is one Qdrant point holding this many chunk vectors, its BM25 terms and its payload.
            ["points_per_second"] = Math.Round(index.Upserted / index.UpsertTime.TotalSeconds, 0),
            ["vectors_per_point"] = signature.HasVectors ? Math.Round((double)chunks / count, 2) : 0,
            ["optimize_seconds"] = Math.Round(optimizeSeconds, 1),
        };
    }

    /// <summary>Papers added to every size once it has been measured: a user's next batch of papers.</summary>
    private const int PapersAdded = 1000;

    /// <summary>
    /// Adds <paramref name="papers"/> (already embedded) to the open store of <paramref name="size"/> papers, in the
    /// product's write batches, until a search finds with them: what adding papers to a large store costs besides the model.
    /// </summary>
    private static async Task<Dictionary<string, object>> AddAsync(
        TimedPaperIndex index, PaperSearch search, IReadOnlyList<IndexedPaper> papers, int size, string question, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var batch in papers.Chunk(PapersPerWrite)) await index.UpsertAsync(batch, cancellationToken);
        await search.SearchAsync(question, 10, cancellationToken: cancellationToken);
        return new()
        {
            ["benchmark"] = "add",
            ["store"] = index.Name,
            ["size"] = size,
            ["papers"] = papers.Count,
            ["seconds"] = Math.Round(stopwatch.Elapsed.TotalSeconds, 2),
        };
    }

    /// <summary>
    /// The embedded store's graph built again in one go, as a store whose saved graph was lost would (open and first
    /// search, the graph file removed); 0 when the store keeps no graph (Qdrant, or exact search below the threshold).
    /// </summary>
    private static async Task<double> RebuildGraphAsync(Dictionary<string, string?> overrides, DirectoryInfo scratch, EmbeddingSignature signature, CancellationToken cancellationToken)
    {
        var graph = scratch.EnumerateFiles($"{EmbeddedPaperIndex.FileName}.graph").SingleOrDefault();
        if (graph is null) return 0;
        graph.Delete();
        var stopwatch = Stopwatch.StartNew();
        using var host = CliHost.Build(overrides);
        var index = host.Services.GetRequiredService<IPaperIndex>();
        await index.OpenAsync(signature, cancellationToken);
        await index.RankAsync(new SearchQuery(Core.Retrieval.Bm25.SparseVector.Empty, null, 1), cancellationToken);
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Opening the store and answering its first search, in a host of its own that is then closed.</summary>
    private static async Task<double> TimeOpenAsync(
        Dictionary<string, string?> overrides, EmbeddingSignature signature, IEmbeddingGenerator<string, Embedding<float>>? embedder, string question, CancellationToken cancellationToken)
    {
        var opening = Stopwatch.StartNew();
        using var host = CliHost.Build(overrides);
        var index = host.Services.GetRequiredService<IPaperIndex>();
        await index.OpenAsync(signature, cancellationToken);
        await new PaperSearch(new PaperRetriever(index, embedder)).SearchAsync(question, 10, cancellationToken: cancellationToken);
        return opening.Elapsed.TotalSeconds;
    }

    /// <summary>The store reopened and warmed: how long opening took, the process's working set (and what it held before opening), the files.</summary>
    private static Dictionary<string, object> Footprint(string store, int size, double openSeconds, double? rebuildSeconds, double baselineMegabytes, DirectoryInfo folder) => new()
    {
        ["benchmark"] = "footprint",
        ["store"] = store,
        ["size"] = size,
        ["open_seconds"] = Math.Round(openSeconds, 2),
        // "not timed" with --no-graph-rebuild; 0 when the store keeps no graph.
        ["graph_rebuild_seconds"] = rebuildSeconds is { } seconds ? Math.Round(seconds, 1) : "not timed",
        ["working_set_mb"] = StoreFootprint.WorkingSetMegabytes(),
        ["mapped_files_mb"] = StoreFootprint.MappedFileMegabytes(),
        ["managed_heap_mb"] = StoreFootprint.ManagedHeapMegabytes(),
        ["baseline_mb"] = baselineMegabytes,
        ["disk_mb"] = StoreFootprint.DiskMegabytes(folder.FullName),
        ["graph_mb"] = StoreFootprint.DiskMegabytes(folder.FullName, $"{EmbeddedPaperIndex.FileName}.graph"),
    };

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
}
