using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag eval --beir &lt;dir&gt; --split &lt;train|test&gt;</c>: indexes a BEIR corpus into a fresh store
/// and reports nDCG@10, recall@100, MRR@10 and query latency.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var beir = new Option<string>("--beir") { Description = "A BEIR-layout directory (corpus.jsonl, <split>/queries.jsonl, <split>/qrels.tsv).", Required = true };
        var split = new Option<string>("--split") { Description = "train or test.", DefaultValueFactory = _ => "test" };
        var modes = new Option<string>("--mode")
        {
            Description = "hybrid (default), dense, sparse, or all: the three from one index, hybrid's figures on top and each mode under \"modes\".",
            DefaultValueFactory = _ => "hybrid",
        };
        modes.AcceptOnlyFromAmong("hybrid", "dense", "sparse", "all");
        var command = new Command("eval", "Measure retrieval quality on a BEIR benchmark.") { beir, split, modes };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var directory = parse.GetValue(beir)!;
            var splitName = parse.GetValue(split)!;
            var modeName = parse.GetValue(modes)!;
            var measured = modeName == "all" ? [SearchMode.Sparse, SearchMode.Dense, SearchMode.Hybrid] : new[] { Enum.Parse<SearchMode>(modeName, ignoreCase: true) };
            var dataset = BeirDataset.Load(directory, splitName);

            // A fresh store every time, so the figures describe this corpus and nothing else.
            var scratch = Directory.CreateTempSubdirectory("rag-eval-");
            var overrides = GlobalOptions.Overrides(parse);
            overrides["Rag:DataDir"] = scratch.FullName;
            overrides["Qdrant:Collection"] = $"eval-{Guid.NewGuid():N}";
            try
            {
                using var host = CliHost.Build(overrides);
                var services = host.Services;
                var stopwatch = Stopwatch.StartNew();
                var corpus = new PaperFileReader(long.MaxValue).Read([dataset.CorpusPath]);
                var summary = await services.GetRequiredService<PaperIndexer>().IndexAsync(corpus, stopwatch, rebuild: true, cancellationToken: cancellationToken);
                var search = services.GetRequiredService<PaperSearch>();
                if (!search.HasDenseSearch && measured.Any(mode => mode != SearchMode.Sparse))
                {
                    throw new UsageException("Dense and hybrid modes need an embedding model; Embeddings:Provider is \"none\".");
                }
                var reports = new Dictionary<string, EvaluationReport>();
                foreach (var mode in measured)
                {
                    reports[mode.ToString().ToLowerInvariant()] = await RetrievalEvaluation.RunAsync(search, dataset.Queries, mode, cancellationToken: cancellationToken);
                }
                await services.GetRequiredService<IPaperIndex>().ClearAsync(cancellationToken);

                var (headline, report) = reports.Last();
                var result = new Dictionary<string, object>
                {
                    ["dataset"] = Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/')),
                    ["split"] = splitName,
                    ["mode"] = headline,
                    ["store"] = services.GetRequiredService<IPaperIndex>().Name,
                    ["papers"] = summary.Papers,
                    ["index_seconds"] = Math.Round(summary.Seconds, 2),
                };
                foreach (var (key, value) in Figures(report)) result[key] = value;
                if (reports.Count > 1) result["modes"] = reports.ToDictionary(pair => pair.Key, pair => Figures(pair.Value));
                if (parse.GetValue(GlobalOptions.Json)) CliOutput.WriteJson(result);
                else foreach (var (key, value) in result) Console.WriteLine($"{key,-14} {value}");
                return ExitCodes.Success;
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
        }));
        return command;
    }

    private static Dictionary<string, object> Figures(EvaluationReport report) => new()
    {
        ["queries"] = report.Queries,
        ["ndcg@10"] = Math.Round(report.NdcgAt10, 4),
        ["recall@100"] = Math.Round(report.RecallAt100, 4),
        ["mrr@10"] = Math.Round(report.MrrAt10, 4),
        ["query_p50_ms"] = Math.Round(report.QueryP50Ms, 2),
        ["query_p95_ms"] = Math.Round(report.QueryP95Ms, 2),
    };
}
