using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Benchmarks;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag bench-ask --beir &lt;dir&gt;</c>: indexes a BEIR corpus into a fresh store and measures how fast the
/// configured answer writer (extractive by default) answers its queries: time to the first text event and to done.
/// <c>rag bench-ask --plumbing</c> measures instead what the Semantic Kernel adds to each answer (<see cref="KernelPlumbing"/>).
/// </summary>
internal static class BenchAskCommand
{
    public static Command Create()
    {
        var beir = new Option<string>("--beir") { Description = "A BEIR-layout corpus (corpus.jsonl, <split>/queries.jsonl).", DefaultValueFactory = _ => "eval/scifact" };
        var split = new Option<string>("--split") { Description = "Whose queries to ask: train or test.", DefaultValueFactory = _ => "train" };
        var queries = new Option<int>("--queries") { Description = "How many queries to time.", DefaultValueFactory = _ => 100 };
        var plumbing = new Option<bool>("--plumbing") { Description = "Measure only the Kernel's own cost per answer: the answer steps through the Kernel against the same steps called directly." };
        var command = new Command("bench-ask", "Measure answer latency: first text and done, p50 and p95.") { beir, split, queries, plumbing };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            if (parse.GetValue(plumbing)) return await PlumbingAsync(parse, cancellationToken);
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

    private static async Task<int> PlumbingAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("rag-bench-plumbing-");
        try
        {
            using var host = CliHost.Build(ScratchIndex.Settings(parse, scratch));
            var services = host.Services;
            var report = await KernelPlumbing.MeasureAsync(services.GetRequiredService<Kernel>(), services.GetRequiredService<IPaperIndex>(), cancellationToken: cancellationToken);
            var result = new Dictionary<string, object>
            {
                ["benchmark"] = "kernel-plumbing",
                ["invocations_per_answer"] = report.Invocations,
                ["direct_us"] = Math.Round(report.DirectUs, 2),
                ["through_kernel_us"] = Math.Round(report.ThroughKernelUs, 2),
                ["kernel_overhead_us"] = Math.Round(report.OverheadUs, 2),
                ["kernel_copy_us"] = Math.Round(report.BeginUs, 2),
                ["direct_bytes"] = Math.Round(report.DirectBytes),
                ["through_kernel_bytes"] = Math.Round(report.ThroughKernelBytes),
            };
            if (parse.GetValue(GlobalOptions.Json)) CliOutput.WriteJson(result);
            else foreach (var (key, value) in result) Console.WriteLine($"{key,-22} {value}");
            return ExitCodes.Success;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
