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
using RagAssistant.Training.Ranking;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag eval --beir &lt;dir&gt; --split &lt;train|test&gt;</c>: indexes a BEIR corpus into a fresh store (or the
/// reusable one named by <c>--index-dir</c>) and reports nDCG@10, recall@100, MRR@10 and query latency; with
/// <c>--answers</c>, what the answers cite; with <c>--folds k</c>, both cross-validated (each query measured with the
/// ranker trained on the other folds); with <c>--tune</c>, the fusion settings and the relevance gate's curve.
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
            Description = "reranked (default: what search and answers use), hybrid (the fusion alone), dense, sparse, or all: the four from one index, the default's figures on top and each mode under \"modes\".",
            DefaultValueFactory = _ => "reranked",
        };
        modes.AcceptOnlyFromAmong("reranked", "hybrid", "dense", "sparse", "all");
        var indexDir = new Option<string?>("--index-dir")
        {
            Description = "Keep the benchmark's store in this folder and reuse it on the next run: only new or changed papers are embedded.",
        };
        var answers = new Option<bool>("--answers") { Description = "Run the answer pipeline on every query and judge its citations (cite_hit, top1_hit, cited_precision, refused, latency)." };
        var tune = new Option<bool>("--tune") { Description = "Score fusion settings on the even and odd query halves, and print the relevance gate's calibration curve (JSON lines)." };
        var limit = new Option<int?>("--queries") { Description = "Only the first N queries." };
        var folds = new Option<int?>("--folds")
        {
            Description = "Cross-validate the ranker by query: train it (as rag train-ranker does) on all folds but one and measure that fold with it, for every fold.",
        };
        var questionSet = new Option<string?>("--questions")
        {
            Description = "A JSON Lines file of judged questions ({\"question\", \"kind\", \"relevant\": [paper ids]}); asks each against the configured store, with the ranker (reranked) and without it (hybrid).",
        };
        var seed = TrainRankerCommand.SeedOption();
        var unanswerable = new Option<string?>("--unanswerable")
        {
            Description = "A JSON Lines file of questions no indexed paper answers ({\"question\": …}); asks each against the configured store.",
        };
        var findings = new Option<string?>("--findings")
        {
            Description = "A JSON Lines file of questions with the abstract sentences that answer them; reports finding hit and dangling quotes, before and after, against the configured store.",
        };
        var command = new Command("eval", "Measure retrieval and answer quality on a BEIR benchmark.")
        {
            beir, split, modes, indexDir, answers, tune, limit, folds, seed, unanswerable, questionSet, findings,
        };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            var foldCount = parse.GetValue(folds);
            if (parse.GetValue(unanswerable) is { } questionsFile)
            {
                return await UnanswerableEvaluation.RunAsync(questionsFile, GlobalOptions.Overrides(parse), parse.GetValue(tune), json, cancellationToken);
            }
            if (parse.GetValue(findings) is { } labelledFile)
            {
                return await FindingsReport.RunAsync(labelledFile, GlobalOptions.Overrides(parse), json, cancellationToken);
            }
            if (parse.GetValue(questionSet) is { } setFile)
            {
                var setModes = parse.GetValue(modes) switch
                {
                    "all" => new[] { SearchMode.Reranked, SearchMode.Hybrid },
                    "reranked" => [SearchMode.Reranked],
                    "hybrid" => [SearchMode.Hybrid],
                    var other => throw new UsageException($"--questions compares reranked and hybrid; --mode {other} does not answer questions."),
                };
                return await QuestionSetReport.RunAsync(setFile, GlobalOptions.Overrides(parse), setModes, json, cancellationToken);
            }
            var directory = parse.GetValue(beir) ?? throw new UsageException("--beir <dir> is required (or --unanswerable, --findings or --questions <file>).");
            if (foldCount is < 2) throw new UsageException("--folds must be at least 2.");
            var splitName = parse.GetValue(split)!;
            var modeName = parse.GetValue(modes)!;
            var measured = modeName == "all"
                ? [SearchMode.Sparse, SearchMode.Dense, SearchMode.Hybrid, SearchMode.Reranked]
                : new[] { Enum.Parse<SearchMode>(modeName, ignoreCase: true) };
            var dataset = BeirDataset.Load(directory, splitName);
            var queries = parse.GetValue(limit) is { } count ? [.. dataset.Queries.Take(Math.Max(1, count))] : dataset.Queries;

            // A fresh store unless one is named, so the figures describe this corpus and nothing else.
            var kept = parse.GetValue(indexDir);
            return await ScratchIndex.RunAsync(parse, kept, async (services, overrides) =>
            {
                var stopwatch = Stopwatch.StartNew();
                var corpus = new PaperFileReader(long.MaxValue).Read([dataset.CorpusPath]);
                var summary = await services.GetRequiredService<PaperIndexer>().IndexAsync(corpus, stopwatch, rebuild: kept is null, cancellationToken: cancellationToken);
                var search = services.GetRequiredService<PaperSearch>();
                if (!search.HasDenseSearch && measured.Any(mode => mode is SearchMode.Dense or SearchMode.Hybrid))
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
                    ["ranking"] = search.Ranking,
                };
                using var crossValidation = foldCount is { } k && services.GetRequiredService<PaperRetriever>().Ranker is not null && !parse.GetValue(tune)
                    ? await RankerFolds.TrainAsync(parse, services, overrides, queries, k, new RankerSettings(Seed: parse.GetValue(seed)),
                        TrainRankerCommand.DefaultUnanswerable, TrainRankerCommand.DefaultUnanswerableCorpus, cancellationToken)
                    : null;
                if (crossValidation is not null)
                {
                    result["cross_validation"] = $"{crossValidation.Count} folds by query, seed {parse.GetValue(seed)}: each query measured with the ranker trained on the other folds";
                }
                else if (foldCount is not null)
                {
                    result["cross_validation"] = $"none: {search.Ranking}";
                }
                IServiceProvider ServicesFor(BeirQuery query) => crossValidation?.For(query) ?? services;

                if (parse.GetValue(tune))
                {
                    await TuningReport.WriteAsync(services.GetRequiredService<PaperRetriever>(), queries, cancellationToken);
                }
                else if (parse.GetValue(answers))
                {
                    // Answers are ranked one of two ways: with the learned ranker, or by the fusion and the relevance gate alone.
                    var answerModes = measured.Where(mode => mode is SearchMode.Hybrid or SearchMode.Reranked).ToList();
                    if (answerModes.Count == 0) throw new UsageException("--answers measures reranked or hybrid answers; dense and sparse do not answer.");
                    var reports = new Dictionary<string, AnswerEvaluationReport>();
                    foreach (var mode in answerModes)
                    {
                        if (mode == SearchMode.Reranked)
                        {
                            reports["reranked"] = await AnswerEvaluation.RunAsync(
                                query => ServicesFor(query).GetRequiredService<AnswerOrchestrator>(), queries, cancellationToken: cancellationToken);
                            continue;
                        }
                        using var fusion = CliHost.Build(new Dictionary<string, string?>(overrides) { ["Ranking:Enabled"] = "false" });
                        await fusion.Services.OpenIndexAsync(cancellationToken);
                        reports["hybrid"] = await AnswerEvaluation.RunAsync(fusion.Services.GetRequiredService<AnswerOrchestrator>(), queries, cancellationToken: cancellationToken);
                    }
                    var (headline, report) = reports.Last();
                    result["mode"] = headline;
                    foreach (var (key, value) in Figures(report)) result[key] = value;
                    if (reports.Count > 1) result["modes"] = reports.ToDictionary(pair => pair.Key, pair => Figures(pair.Value));
                }
                else
                {
                    var reports = new Dictionary<string, EvaluationReport>();
                    foreach (var mode in measured)
                    {
                        reports[mode.ToString().ToLowerInvariant()] = await RetrievalEvaluation.RunAsync(
                            query => ServicesFor(query).GetRequiredService<PaperSearch>(), queries, mode, cancellationToken: cancellationToken);
                    }
                    var (headline, report) = reports.Last();
                    result["mode"] = headline;
                    foreach (var (key, value) in Figures(report)) result[key] = value;
                    if (reports.Count > 1) result["modes"] = reports.ToDictionary(pair => pair.Key, pair => Figures(pair.Value));
                }
                if (json) CliOutput.WriteJson(result);
                else foreach (var (key, value) in result) Console.WriteLine($"{key,-18} {value}");
                return ExitCodes.Success;
            });
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
