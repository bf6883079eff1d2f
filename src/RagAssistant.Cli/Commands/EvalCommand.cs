using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag eval --beir &lt;dir&gt; --split &lt;train|test&gt;</c>: indexes a BEIR corpus into a fresh store (or the
/// reusable one named by <c>--index-dir</c>) and reports nDCG@10, recall@100, MRR@10 and query latency; with
/// <c>--answers</c>, what the answers cite; with <c>--tune</c>, the fusion settings and the relevance gate's curve.
/// <c>rag eval --unanswerable &lt;file&gt;</c> asks questions no indexed paper answers, against the configured store;
/// <c>rag eval --findings &lt;file&gt;</c> asks labelled questions and judges what the answers quote.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var beir = new Option<string?>("--beir") { Description = "A BEIR-layout directory (corpus.jsonl, <split>/queries.jsonl, <split>/qrels.tsv)." };
        var split = new Option<string>("--split") { Description = "train or test.", DefaultValueFactory = _ => "test" };
        var modes = new Option<string>("--mode")
        {
            Description = "hybrid (default), dense, sparse, or all: the three from one index, hybrid's figures on top and each mode under \"modes\".",
            DefaultValueFactory = _ => "hybrid",
        };
        modes.AcceptOnlyFromAmong("hybrid", "dense", "sparse", "all");
        var indexDir = new Option<string?>("--index-dir")
        {
            Description = "Keep the benchmark's store in this folder and reuse it on the next run: only new or changed papers are embedded.",
        };
        var answers = new Option<bool>("--answers") { Description = "Run the answer pipeline on every query and judge its citations (cite_hit, top1_hit, cited_precision, refused, latency)." };
        var tune = new Option<bool>("--tune") { Description = "Score fusion settings on the even and odd query halves, and print the relevance gate's calibration curve (JSON lines)." };
        var limit = new Option<int?>("--queries") { Description = "Only the first N queries." };
        var unanswerable = new Option<string?>("--unanswerable")
        {
            Description = "A JSON Lines file of questions no indexed paper answers ({\"question\": …}); asks each against the configured store.",
        };
        var findings = new Option<string?>("--findings")
        {
            Description = "A JSON Lines file of questions with the abstract sentences that answer them; reports finding hit and dangling quotes, before and after, against the configured store.",
        };
        var command = new Command("eval", "Measure retrieval and answer quality on a BEIR benchmark.") { beir, split, modes, indexDir, answers, tune, limit, unanswerable, findings };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            if (parse.GetValue(unanswerable) is { } questionsFile)
            {
                return await UnanswerableEvaluation.RunAsync(questionsFile, GlobalOptions.Overrides(parse), parse.GetValue(tune), json, cancellationToken);
            }
            if (parse.GetValue(findings) is { } labelledFile)
            {
                return await FindingsReport.RunAsync(labelledFile, GlobalOptions.Overrides(parse), json, cancellationToken);
            }
            var directory = parse.GetValue(beir) ?? throw new UsageException("--beir <dir> is required (or --unanswerable <file>).");
            var splitName = parse.GetValue(split)!;
            var modeName = parse.GetValue(modes)!;
            var measured = modeName == "all" ? [SearchMode.Sparse, SearchMode.Dense, SearchMode.Hybrid] : new[] { Enum.Parse<SearchMode>(modeName, ignoreCase: true) };
            var dataset = BeirDataset.Load(directory, splitName);
            var queries = parse.GetValue(limit) is { } count ? [.. dataset.Queries.Take(Math.Max(1, count))] : dataset.Queries;

            // A fresh store unless one is named, so the figures describe this corpus and nothing else.
            var kept = parse.GetValue(indexDir);
            var scratch = kept is null ? Directory.CreateTempSubdirectory("rag-eval-") : Directory.CreateDirectory(kept);
            var overrides = ScratchIndex.Settings(parse, scratch);
            try
            {
                using var host = CliHost.Build(overrides);
                var services = host.Services;
                try
                {
                    var stopwatch = Stopwatch.StartNew();
                    var corpus = new PaperFileReader(long.MaxValue).Read([dataset.CorpusPath]);
                    var summary = await services.GetRequiredService<PaperIndexer>().IndexAsync(corpus, stopwatch, rebuild: kept is null, cancellationToken: cancellationToken);
                    var search = services.GetRequiredService<PaperSearch>();
                    if (!search.HasDenseSearch && measured.Any(mode => mode != SearchMode.Sparse))
                    {
                        throw new UsageException("Dense and hybrid modes need an embedding model; Embeddings:Provider is \"none\".");
                    }
                    var result = new Dictionary<string, object>
                    {
                        ["dataset"] = Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/')),
                        ["split"] = splitName,
                        ["store"] = services.GetRequiredService<IPaperIndex>().Name,
                        ["papers"] = summary.Papers,
                        ["index_seconds"] = Math.Round(summary.Seconds, 2),
                    };
                    if (parse.GetValue(tune))
                    {
                        await TuningReport.WriteAsync(services.GetRequiredService<PaperRetriever>(), queries, cancellationToken);
                    }
                    else if (parse.GetValue(answers))
                    {
                        var report = await AnswerEvaluation.RunAsync(services.GetRequiredService<AnswerOrchestrator>(), queries, cancellationToken: cancellationToken);
                        foreach (var (key, value) in Figures(report)) result[key] = value;
                    }
                    else
                    {
                        var reports = new Dictionary<string, EvaluationReport>();
                        foreach (var mode in measured)
                        {
                            reports[mode.ToString().ToLowerInvariant()] = await RetrievalEvaluation.RunAsync(search, queries, mode, cancellationToken: cancellationToken);
                        }
                        var (headline, report) = reports.Last();
                        result["mode"] = headline;
                        foreach (var (key, value) in Figures(report)) result[key] = value;
                        if (reports.Count > 1) result["modes"] = reports.ToDictionary(pair => pair.Key, pair => Figures(pair.Value));
                    }
                    if (json) CliOutput.WriteJson(result);
                    else foreach (var (key, value) in result) Console.WriteLine($"{key,-18} {value}");
                    return ExitCodes.Success;
                }
                finally
                {
                    if (kept is null) await ScratchIndex.DropAsync(services.GetRequiredService<IPaperIndex>());
                }
            }
            finally
            {
                if (kept is null) scratch.Delete(recursive: true);
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

    private static Dictionary<string, object> Figures(AnswerEvaluationReport report) => new()
    {
        ["queries"] = report.Queries,
        ["cite_hit"] = Math.Round(report.CiteHit, 4),
        ["top1_hit"] = Math.Round(report.Top1Hit, 4),
        ["cited_precision"] = Math.Round(report.CitedPrecision, 4),
        ["refused"] = Math.Round(report.Refused, 4),
        ["first_text_p50_ms"] = Math.Round(report.FirstTextP50Ms, 1),
        ["first_text_p95_ms"] = Math.Round(report.FirstTextP95Ms, 1),
        ["done_p50_ms"] = Math.Round(report.DoneP50Ms, 1),
        ["done_p95_ms"] = Math.Round(report.DoneP95Ms, 1),
    };
}
