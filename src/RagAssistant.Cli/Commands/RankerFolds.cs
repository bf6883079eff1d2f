using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;
using RagAssistant.Training.Ranking;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// Cross-validation of the ranker by question for <c>rag eval --folds k</c>: for each fold, the ranker is trained as
/// <c>rag train-ranker</c> trains it (its own calibration and threshold from an inner cross-validation) on the other
/// folds' questions only, and served by a host of its own over the same store; every question is then measured
/// through the host of its fold, so no figure comes from a model that saw the question.
/// </summary>
internal sealed class RankerFolds : IDisposable
{
    private readonly IReadOnlyList<IHost> _hosts;
    private readonly Dictionary<string, int> _foldOf;
    private readonly DirectoryInfo _models;

    private RankerFolds(IReadOnlyList<IHost> hosts, Dictionary<string, int> foldOf, DirectoryInfo models)
    {
        _hosts = hosts;
        _foldOf = foldOf;
        _models = models;
    }

    public int Count => _hosts.Count;

    /// <summary>The services of the host whose ranker never saw <paramref name="query"/>.</summary>
    public IServiceProvider For(BeirQuery query) => _hosts[_foldOf[query.Id]].Services;

    public static async Task<RankerFolds> TrainAsync(
        System.CommandLine.ParseResult parse, IServiceProvider services, IReadOnlyDictionary<string, string?> overrides,
        IReadOnlyList<BeirQuery> queries, int folds, RankerSettings settings, string unanswerableFile, string unanswerableCorpus, CancellationToken cancellationToken)
    {
        var embedding = await TrainRankerCommand.EmbeddingAsync(services, cancellationToken);
        var judged = await RankerQuestions.JudgedAsync(services, queries, cancellationToken);
        var unanswerable = await RankerQuestions.UnanswerableAsync(parse, unanswerableFile, unanswerableCorpus, cancellationToken);
        var fold = RankerCrossValidation.Folds(judged.Count, folds, settings.Seed);
        var models = Directory.CreateTempSubdirectory("rag-folds-");
        var hosts = new List<IHost>(folds);
        try
        {
            for (var k = 0; k < folds; k++)
            {
                var training = judged.Where((_, i) => fold[i] != k).ToList();
                var model = RankerTraining.Train(training, unanswerable, RankingFeatures.Names, settings, folds, embedding, $"fold {k + 1} of {folds}").Model;
                var path = Path.Combine(models.FullName, $"fold-{k + 1}.json");
                await using (var file = File.Create(path)) model.Write(file);
                hosts.Add(CliHost.Build(new Dictionary<string, string?>(overrides) { ["Ranking:ModelPath"] = path }));
                await hosts[^1].Services.OpenIndexAsync(cancellationToken);
            }
        }
        catch
        {
            foreach (var host in hosts) host.Dispose();
            models.Delete(recursive: true);
            throw;
        }
        return new RankerFolds(hosts, judged.Select((question, i) => (question.Id, fold[i])).ToDictionary(entry => entry.Id, entry => entry.Item2), models);
    }

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        _models.Delete(recursive: true);
    }
}
