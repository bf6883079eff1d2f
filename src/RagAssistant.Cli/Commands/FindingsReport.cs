using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Orchestration.Sources;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag eval --findings &lt;file&gt;</c>: asks a labelled set of questions against the configured store (the sample
/// papers) and reports, before (quotes chosen by relevance alone) and after (as shipped), how often the answer quotes a
/// sentence that answers the question and how many of its quotes point back at a sentence it did not quote.
/// </summary>
internal static class FindingsReport
{
    public static async Task<int> RunAsync(string path, IDictionary<string, string?> overrides, bool json, CancellationToken cancellationToken)
    {
        var questions = FindingEvaluation.Load(path);
        using var host = CliHost.Build(overrides);
        var services = host.Services;
        await services.OpenIndexAsync(cancellationToken);
        var report = await FindingEvaluation.RunAsync(
            services.GetRequiredService<SourceRetriever>(),
            services.GetRequiredService<IOptions<AssistantOptions>>(),
            services.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            questions,
            cancellationToken);

        var result = new Dictionary<string, object>
        {
            ["questions"] = report.Count,
            ["retrieved"] = Math.Round(report.Retrieved, 4),
            ["before"] = Figures(report.Before),
            ["after"] = Figures(report.After),
        };
        foreach (var asks in report.Questions.Select(question => question.Question.Asks).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var part = report.Asking(asks);
            result[$"asks_{asks}"] = new { questions = part.Count, before = Figures(part.Before), after = Figures(part.After) };
        }
        if (json)
        {
            CliOutput.WriteJson(result);
            return ExitCodes.Success;
        }
        foreach (var judged in report.Questions)
        {
            Console.WriteLine($"{Mark(judged.Before.FindingHit)}{Mark(judged.After.FindingHit)} {(judged.Retrieved ? " " : "!")} {judged.Question.Question}");
            if (judged.After.Quotes.Count > 0) Console.WriteLine($"      first: {judged.After.Quotes[0]}");
        }
        foreach (var (key, value) in result) Console.WriteLine($"{key,-14} {System.Text.Json.JsonSerializer.Serialize(value)}");
        return ExitCodes.Success;
    }

    private static Dictionary<string, object> Figures(FindingFigures figures) => new()
    {
        ["finding_hit"] = Math.Round(figures.FindingHit, 4),
        ["first_hit"] = Math.Round(figures.FirstHit, 4),
        ["dangling_quotes"] = figures.DanglingQuotes,
        ["quoted"] = figures.Quoted,
    };

    private static string Mark(bool hit) => hit ? "+" : "-";
}
