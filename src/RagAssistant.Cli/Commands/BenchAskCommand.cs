using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Orchestration;
using RagAssistant.Cli.Benchmarks;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag bench-ask --beir &lt;dir&gt;</c>: indexes a BEIR corpus into a fresh store and measures how fast the
/// configured answer writer (extractive by default) answers its queries: time to the first text event and to done.
/// </summary>
internal static class BenchAskCommand
{
    public static Command Create()
    {
        var beir = new Option<string>("--beir") { Description = "A BEIR-layout corpus (corpus.jsonl, <split>/queries.jsonl).", DefaultValueFactory = _ => "eval/scifact" };
        var split = new Option<string>("--split") { Description = "Whose queries to ask: train or test.", DefaultValueFactory = _ => "train" };
        var queries = new Option<int>("--queries") { Description = "How many queries to time.", DefaultValueFactory = _ => 100 };
        var command = new Command("bench-ask", "Measure answer latency: first text and done, p50 and p95.") { beir, split, queries };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var count = parse.GetValue(queries);
            if (count < 1) throw new UsageException("--queries must be at least 1.");
            var dataset = BeirDataset.Load(parse.GetValue(beir)!, parse.GetValue(split)!);
            var scratch = Directory.CreateTempSubdirectory("rag-bench-ask-");
            var overrides = ScratchIndex.Settings(parse, scratch);
            try
            {
                using var host = CliHost.Build(overrides);
                var services = host.Services;
                try
                {
                    var corpus = new PaperFileReader(long.MaxValue).Read([dataset.CorpusPath]);
                    var summary = await services.GetRequiredService<PaperIndexer>().IndexAsync(corpus, Stopwatch.StartNew(), rebuild: true, cancellationToken: cancellationToken);
                    var questions = dataset.Queries.Take(count).Select(query => query.Text).ToList();
                    var report = await AnswerLatency.MeasureAsync(services.GetRequiredService<AnswerOrchestrator>(), questions, cancellationToken);

                    var result = new Dictionary<string, object>
                    {
                        ["benchmark"] = "ask",
                        ["writer"] = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AssistantOptions>>().Value.Provider,
                        ["embeddings"] = EmbeddingSignature.Of(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>()).ToString(),
                        ["store"] = services.GetRequiredService<IPaperIndex>().Name,
                        ["papers"] = summary.Papers,
                        ["questions"] = report.Questions,
                        ["covered"] = report.Covered,
                        ["retrieval_p50_ms"] = Math.Round(report.RetrievalP50Ms, 1),
                        ["first_text_p50_ms"] = Math.Round(report.FirstTextP50Ms, 1),
                        ["first_text_p95_ms"] = Math.Round(report.FirstTextP95Ms, 1),
                        ["done_p50_ms"] = Math.Round(report.DoneP50Ms, 1),
                        ["done_p95_ms"] = Math.Round(report.DoneP95Ms, 1),
                    };
                    if (parse.GetValue(GlobalOptions.Json)) CliOutput.WriteJson(result);
                    else foreach (var (key, value) in result) Console.WriteLine($"{key,-18} {value}");
                    return ExitCodes.Success;
                }
                finally
                {
                    await ScratchIndex.DropAsync(services.GetRequiredService<IPaperIndex>());
                }
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
        }));
        return command;
    }
}
