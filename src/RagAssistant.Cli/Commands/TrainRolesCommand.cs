using System.CommandLine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Chunking;
using RagAssistant.Core.Indexing;
using RagAssistant.Training.SentenceRoles;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag train-roles [--data eval/csabstruct] [--out src/RagAssistant.Embeddings/Roles] [--seed 42]</c>: trains the
/// sentence-role classifier on CSAbstruct with the configured local embedding model and writes the model and its card
/// (seed, command, test accuracy and macro-F1) into the folder the Embeddings project ships them from.
/// </summary>
internal static class TrainRolesCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "CSAbstruct's folder (train.jsonl, dev.jsonl, test.jsonl).", DefaultValueFactory = _ => "eval/csabstruct" };
        var output = new Option<string>("--out") { Description = "Where to write sentence-roles.zip and sentence-roles.json.", DefaultValueFactory = _ => "src/RagAssistant.Embeddings/Roles" };
        var seed = new Option<int>("--seed") { Description = "ML.NET's seed; the same seed gives the same model.", DefaultValueFactory = _ => 42 };
        var command = new Command("train-roles", "Train the sentence-role classifier (background / objective / method / result / other) on CSAbstruct.") { data, output, seed };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            using var host = CliHost.Build(GlobalOptions.Overrides(parse));
            var services = host.Services;
            var embedder = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
            var encoder = embedder?.GetService<IChunkEncoder>()
                ?? throw new UsageException("Sentence roles are learnt from the local model's sentence vectors; set Embeddings:Provider to local.");
            var metadata = embedder.GetService<EmbeddingGeneratorMetadata>()!;
            var trainer = new SentenceRoleTrainer(encoder, services.GetRequiredService<AbstractChunker>(), metadata.DefaultModelId!, metadata.DefaultModelDimensions!.Value);
            var json = parse.GetValue(GlobalOptions.Json);
            var recipe = $"rag train-roles --data {parse.GetValue(data)} --out {parse.GetValue(output)} --seed {parse.GetValue(seed)}";
            var card = await trainer.TrainAsync(parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(seed), recipe,
                line => { if (!json) Console.WriteLine(line); }, cancellationToken);
            if (json)
            {
                CliOutput.WriteJson(new { card.EmbeddingModel, card.TestAccuracy, card.TestMacroF1, card.TestF1ByRole, card.DevAccuracy, card.Seed });
                return ExitCodes.Success;
            }
            Console.WriteLine($"test: accuracy {card.TestAccuracy:0.000}, macro-F1 {card.TestMacroF1:0.000} over {card.TestSentences} sentences " +
                $"({string.Join(", ", card.TestF1ByRole.Select(pair => $"{pair.Key} {pair.Value:0.00}"))})");
            Console.WriteLine($"written to {parse.GetValue(output)}; rebuild to ship it in the Embeddings assembly");
            return ExitCodes.Success;
        }));
        return command;
    }
}
