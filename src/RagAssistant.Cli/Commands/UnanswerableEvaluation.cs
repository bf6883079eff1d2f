using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag eval --unanswerable &lt;file&gt;</c>: asks every question against the configured store (e.g. the sample
/// papers) and reports how many were declined with no citation, each question's best cosine and, with
/// <c>--tune</c>, the share the relevance gate would decline at each threshold.
/// </summary>
internal static class UnanswerableEvaluation
{
    public static async Task<int> RunAsync(string path, IDictionary<string, string?> overrides, bool tune, bool json, CancellationToken cancellationToken)
    {
        var questions = QuestionFile.Load(path);
        using var host = CliHost.Build(overrides);
        var services = host.Services;
        await services.OpenIndexAsync(cancellationToken);
        var orchestrator = services.GetRequiredService<AnswerOrchestrator>();
        var retriever = services.GetRequiredService<PaperRetriever>();

        var observed = new List<GateQuestion>();
        var answers = new List<UnanswerableAnswer>();
        var declined = 0;
        foreach (var question in questions)
        {
            var answer = await AnswerEvaluation.AskAsync(orchestrator, question, cancellationToken);
            var seen = await GateCalibration.ObserveAsync(retriever, question, TuningReport.AnswerSources, null, cancellationToken);
            observed.Add(seen);
            if (!answer.Covered && answer.CitedPaperIds.Count == 0) declined++;
            answers.Add(new UnanswerableAnswer(question, !answer.Covered, answer.CitedPaperIds.Count, Math.Round(seen.BestCosine, 4)));
        }
        if (tune)
        {
            foreach (var gate in GateCalibration.Candidates(retriever.Gate))
            {
                var point = GateCalibration.Measure(gate, observed);
                CliOutput.WriteJson(new { min_cosine = gate.MinCosine, min_share_of_first = gate.MinShareOfFirst, refused = Math.Round(point.Refused, 4) });
            }
        }
        var result = new { questions = questions.Count, declined, declined_share = Math.Round((double)declined / Math.Max(1, questions.Count), 4), answers };
        if (json) CliOutput.WriteJson(result);
        else
        {
            foreach (var answer in answers) Console.WriteLine($"{(answer.Declined ? "declined" : "ANSWERED"),-9} {answer.BestCosine,6:F3}  {answer.Question}");
            Console.WriteLine($"{declined} of {questions.Count} declined with no citation");
        }
        return ExitCodes.Success;
    }

    private sealed record UnanswerableAnswer(string Question, bool Declined, int Citations, double BestCosine);
}
