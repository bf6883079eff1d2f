using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag eval --questions &lt;file&gt;</c>: asks a judged question set (<see cref="JudgedQuestionFile"/>) against the
/// configured store, with the learned ranker (<c>reranked</c>) and without it (<c>hybrid</c>: the fusion and the relevance
/// gate), and reports each one's figures by kind of question.
/// </summary>
internal static class QuestionSetReport
{
    public static async Task<int> RunAsync(string path, IDictionary<string, string?> overrides, IReadOnlyList<SearchMode> modes, bool json, CancellationToken cancellationToken)
    {
        var questions = JudgedQuestionFile.Load(path);
        var reports = new Dictionary<string, Dictionary<string, object>>();
        foreach (var mode in modes)
        {
            var settings = new Dictionary<string, string?>(overrides);
            if (mode == SearchMode.Hybrid) settings["Ranking:Enabled"] = "false";
            using var host = CliHost.Build(settings);
            var services = host.Services;
            await services.OpenIndexAsync(cancellationToken);
            var search = services.GetRequiredService<PaperSearch>();
            var report = await QuestionSetEvaluation.RunAsync(services.GetRequiredService<AnswerOrchestrator>(), search, mode, questions, cancellationToken);
            reports[mode.ToString().ToLowerInvariant()] = Figures(report, search.Ranking);
            if (!json) Describe(mode, report, services.GetRequiredService<IPaperIndex>(), cancellationToken);
        }
        var result = new Dictionary<string, object> { ["questions"] = questions.Count };
        foreach (var (key, value) in reports.First().Value) result[key] = value;
        if (reports.Count > 1) result["modes"] = reports;
        if (json) CliOutput.WriteJson(result);
        else foreach (var (mode, figures) in reports) Console.WriteLine($"{mode}: {string.Join("  ", figures.Select(pair => $"{pair.Key}={pair.Value}"))}");
        return ExitCodes.Success;
    }

    private static Dictionary<string, object> Figures(Core.Evaluation.QuestionSetReport report, string ranking) => new()
    {
        ["ranking"] = ranking,
        ["paper_questions"] = report.SinglePaperQuestions,
        ["cite_hit"] = R(report.CiteHit),
        ["top1_hit"] = R(report.Top1Hit),
        ["cited_precision"] = R(report.CitedPrecision),
        ["refused"] = R(report.Refused),
        ["search_first_hit"] = R(report.SearchFirstHit),
        ["search_ndcg@10"] = R(report.SearchNdcgAt10),
        ["topic_questions"] = report.TopicQuestions,
        ["topic_cited_on_topic"] = R(report.CitedOnTopic),
        ["topic_on_topic_cited"] = R(report.OnTopicCited),
        ["topic_search_ndcg@10"] = R(report.TopicSearchNdcgAt10),
        ["topic_search_recall@10"] = R(report.TopicSearchRecallAt10),
        ["unanswerable_questions"] = report.UnanswerableQuestions,
        ["unanswerable_declined"] = report.DeclinedWithoutCitation,
    };

    /// <summary>One line per question for a person reading along: what was cited, marked relevant (+) or not (-).</summary>
    private static void Describe(SearchMode mode, Core.Evaluation.QuestionSetReport report, IPaperIndex index, CancellationToken cancellationToken)
    {
        var titles = index.GetPapersAsync([.. report.Answers.SelectMany(answer => answer.Cited).Distinct()], cancellationToken).GetAwaiter().GetResult()
            .ToDictionary(paper => paper.Id, paper => paper.Title);
        Console.WriteLine($"== {mode.ToString().ToLowerInvariant()}");
        foreach (var answer in report.Answers)
        {
            var cited = answer.Cited.Select(id => $"{(answer.Question.Relevant.Contains(id) ? '+' : '-')}{Shorten(titles.GetValueOrDefault(id, id))}");
            Console.WriteLine($"{answer.Question.Kind.ToString().ToLowerInvariant(),-12} {answer.Question.Question}\n{"",13}{(answer.Covered ? string.Join(" | ", cited) : "declined")}");
        }
    }

    private static string Shorten(string title) => title.Length <= 60 ? title : title[..57] + "...";

    private static double R(double value) => Math.Round(value, 4);
}
