using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Orchestration;
using RagAssistant.Core.Retrieval;
using RagAssistant.Training.Ranking;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// The questions the ranker is trained and calibrated on, read through the product's own retrieval: the benchmark's
/// judged questions over its corpus, and questions no paper answers over the corpus they were written for (asked as an
/// answer asks them, by their subject), indexed in a scratch store of their own.
/// </summary>
internal static class RankerQuestions
{
    public static Task<IReadOnlyList<TrainingQuestion>> JudgedAsync(IServiceProvider services, IReadOnlyList<BeirQuery> queries, CancellationToken cancellationToken) =>
        RankerTrainingSet.CollectAsync(services.GetRequiredService<PaperRetriever>(), queries, cancellationToken: cancellationToken);

    public static async Task<IReadOnlyList<TrainingQuestion>> UnanswerableAsync(
        System.CommandLine.ParseResult parse, string questionsFile, string corpus, CancellationToken cancellationToken)
    {
        var questions = QuestionFile.Load(questionsFile);
        var scratch = Directory.CreateTempSubdirectory("rag-unanswerable-");
        try
        {
            using var host = CliHost.Build(ScratchIndex.Settings(parse, scratch, ranker: false));
            var services = host.Services;
            try
            {
                var summary = await services.GetRequiredService<PaperIndexer>().IndexAsync([corpus], rebuild: true, cancellationToken: cancellationToken);
                if (summary.Papers == 0) throw new UsageException($"{corpus} holds no papers to ask the unanswerable questions against.");
                var retriever = services.GetRequiredService<PaperRetriever>();
                var collected = new List<TrainingQuestion>(questions.Count);
                foreach (var (question, i) in questions.Select((question, i) => (question, i)))
                {
                    collected.Add(await RankerTrainingSet.CollectAsync(retriever, $"unanswerable-{i + 1}", QuestionIntent.Subject(question), null, cancellationToken));
                }
                return collected;
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
    }
}
