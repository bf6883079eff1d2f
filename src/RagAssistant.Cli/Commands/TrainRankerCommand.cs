using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Evaluation;
using RagAssistant.Core.Indexing;
using RagAssistant.Core.Ingestion;
using RagAssistant.Core.Retrieval;
using RagAssistant.Core.Retrieval.Ranking;
using RagAssistant.Training.Ranking;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag train-ranker --beir eval/scifact --split train</c>: indexes the benchmark's corpus with the configured
/// embedder, reads every judged question's candidates through the product's retrieval, cross-validates the ranker by
/// question, calibrates it, chooses the citing threshold (also on <c>--unanswerable</c> questions over their corpus)
/// and writes the model that serving loads. The same inputs and seed give the same model.
/// </summary>
internal static class TrainRankerCommand
{
    /// <summary>The questions the citing threshold must decline, and the papers they are asked against.</summary>
    public const string DefaultUnanswerable = "eval/unanswerable.jsonl";
    public const string DefaultUnanswerableCorpus = "samples/hf-daily-papers";

    /// <summary>The seed option; <c>rag eval --folds</c> takes it too, so its folds are the ones training reports.</summary>
    public static Option<int> SeedOption() => new("--seed") { Description = "Seed of the folds and of LightGBM.", DefaultValueFactory = _ => new RankerSettings().Seed };

    public static Command Create()
    {
        var beir = new Option<string>("--beir") { Description = "A BEIR-layout directory (corpus.jsonl, <split>/queries.jsonl, <split>/qrels.tsv).", DefaultValueFactory = _ => "eval/scifact" };
        var split = new Option<string>("--split") { Description = "The split to learn from; only train is ever used for the shipped model.", DefaultValueFactory = _ => "train" };
        var output = new Option<string>("--out") { Description = "Where to write the model.", DefaultValueFactory = _ => "models/ranker.json" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds (by question).", DefaultValueFactory = _ => 5 };
        var indexDir = new Option<string?>("--index-dir") { Description = "Keep the benchmark's store in this folder and reuse it on the next run." };
        var ablation = new Option<bool>("--ablation") { Description = "Also cross-validate the ranker without each feature group, one line per group." };
        var seed = SeedOption();
        var unanswerable = new Option<string>("--unanswerable")
        {
            Description = "Questions no paper of --unanswerable-corpus answers (JSON Lines); the citing threshold must decline them all.",
            DefaultValueFactory = _ => DefaultUnanswerable,
        };
        var unanswerableCorpus = new Option<string>("--unanswerable-corpus")
        {
            Description = "The papers the --unanswerable questions are asked against.",
            DefaultValueFactory = _ => DefaultUnanswerableCorpus,
        };
        var command = new Command("train-ranker", "Train the learned ranker on a BEIR benchmark and write the model file serving loads.")
        {
            beir, split, output, seed, folds, indexDir, unanswerable, unanswerableCorpus, ablation,
        };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            var settings = new RankerSettings(Seed: parse.GetValue(seed));
            var foldCount = parse.GetValue(folds);
            if (foldCount < 2) throw new UsageException("--folds must be at least 2.");
            var dataset = BeirDataset.Load(parse.GetValue(beir)!, parse.GetValue(split)!);
            var stopwatch = Stopwatch.StartNew();
            var unanswered = await RankerQuestions.UnanswerableAsync(parse, parse.GetValue(unanswerable)!, parse.GetValue(unanswerableCorpus)!, cancellationToken);
            return await ScratchIndex.RunAsync(parse, parse.GetValue(indexDir), async (services, _) =>
            {
                var corpus = new PaperFileReader(long.MaxValue).Read([dataset.CorpusPath]);
                await services.GetRequiredService<PaperIndexer>().IndexAsync(corpus, Stopwatch.StartNew(), rebuild: parse.GetValue(indexDir) is null, cancellationToken: cancellationToken);
                var embedding = await EmbeddingAsync(services, cancellationToken);
                var judged = await RankerQuestions.JudgedAsync(services, dataset.Queries, cancellationToken);
                var commandLine = $"rag train-ranker --beir {parse.GetValue(beir)} --split {parse.GetValue(split)} --seed {settings.Seed} --folds {foldCount}";
                var result = RankerTraining.Train(judged, unanswered, RankingFeatures.Names, settings, foldCount, embedding, commandLine);

                var path = Path.GetFullPath(parse.GetValue(output)!);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using (var file = File.Create(path)) result.Model.Write(file);

                foreach (var point in result.Curve) Print(json, "citing", Curve(point));
                if (parse.GetValue(ablation))
                {
                    foreach (var row in Ablation(judged, settings, foldCount)) Print(json, "ablation", row);
                }
                var summary = new Dictionary<string, object>
                {
                    ["model"] = path,
                    ["trees"] = result.Model.Trees.Count,
                    ["features"] = result.Model.Features.Count,
                    ["cite_threshold"] = result.Model.CiteThreshold,
                    ["seconds"] = Math.Round(stopwatch.Elapsed.TotalSeconds, 1),
                };
                foreach (var (key, value) in result.Model.Provenance.Figures) summary[key] = value;
                if (json) CliOutput.WriteJson(summary);
                else foreach (var (key, value) in summary) Console.WriteLine($"{key,-24} {value}");
                return ExitCodes.Success;
            }, ranker: false);
        }));
        return command;
    }

    /// <summary>The ranker's features describe this embedder's cosines, so the model records it; BM25 alone gives it nothing to learn from.</summary>
    public static async Task<RankerEmbedding> EmbeddingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var signature = await EmbeddingSignature.OfAsync(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>(), cancellationToken);
        if (!signature.HasVectors) throw new UsageException("The ranker learns from the dense ranking as well; configure an embedding model (Embeddings:Provider is \"none\").");
        return new RankerEmbedding(signature.Provider, signature.Model, signature.Dimension);
    }

    /// <summary>Cross-validated figures with all features, and without each group in turn.</summary>
    private static IEnumerable<Dictionary<string, object>> Ablation(IReadOnlyList<TrainingQuestion> judged, RankerSettings settings, int folds)
    {
        var groups = RankingFeatures.Names.Select(name => RankingFeatures.Groups[name]).Distinct();
        foreach (var dropped in groups.Prepend(null))
        {
            var features = RankingFeatures.Names.Where(name => RankingFeatures.Groups[name] != dropped).ToList();
            var scores = RankerCrossValidation.Run(judged, RankerTraining.Columns(features), settings, folds).Scores;
            var figures = RankingFigures.Of(judged, i => RankingFigures.Reranked(judged[i], scores[i]));
            yield return new Dictionary<string, object>
            {
                ["without"] = dropped ?? "(nothing)",
                ["features"] = features.Count,
                ["cv_ndcg@10"] = Math.Round(figures.NdcgAt10, 4),
                ["cv_first_relevant"] = Math.Round(figures.FirstRelevant, 4),
                ["cv_relevant_in_top3"] = Math.Round(figures.RelevantInTop3, 4),
            };
        }
    }

    private static Dictionary<string, object> Curve(CitingPoint point) => new()
    {
        ["threshold"] = point.Threshold,
        ["cite_hit"] = Math.Round(point.CiteHit, 4),
        ["top1_hit"] = Math.Round(point.FirstHit, 4),
        ["cited_precision"] = Math.Round(point.CitedPrecision, 4),
        ["refused"] = Math.Round(point.Refused, 4),
        ["unanswerable_declined"] = point.UnanswerableDeclined,
        ["unanswerable"] = point.Unanswerable,
    };

    private static void Print(bool json, string kind, Dictionary<string, object> row)
    {
        if (json) CliOutput.WriteJson(new Dictionary<string, object>(row.Prepend(new("line", kind))));
        else Console.WriteLine($"{kind}: {string.Join("  ", row.Select(pair => $"{pair.Key}={pair.Value}"))}");
    }
}
