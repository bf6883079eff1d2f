using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Core.Indexing;
using Spectre.Console;

namespace RagAssistant.Cli.Commands;

/// <summary><c>rag index &lt;file-or-folder&gt;... [--rebuild]</c>: adds new and changed papers to the index.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Papers as PDFs, saved Daily Papers pages, JSON Lines files, or folders of them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var rebuild = new Option<bool>("--rebuild") { Description = "Empty the index first and re-embed everything." };
        var command = new Command("index", "Parse, chunk, embed and store papers; unchanged papers are skipped.") { paths, rebuild };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            var json = parse.GetValue(GlobalOptions.Json);
            using var host = CliHost.Build(GlobalOptions.Overrides(parse));
            var services = host.Services;
            var indexer = services.GetRequiredService<PaperIndexer>();
            var summary = await RunAsync(indexer, parse.GetValue(paths)!, parse.GetValue(rebuild), json, cancellationToken);

            foreach (var error in summary.Errors) CliOutput.Error(error.ToString());
            if (json)
            {
                CliOutput.WriteJson(new
                {
                    summary.Files,
                    summary.Entries,
                    summary.Papers,
                    summary.Added,
                    summary.Updated,
                    summary.Unchanged,
                    summary.Chunks,
                    Errors = summary.Errors.Select(error => new { error.File, error.Line, error.Message }),
                    Seconds = Math.Round(summary.Seconds, 3),
                });
            }
            else
            {
                Console.WriteLine(
                    $"{summary.Papers} papers from {summary.Entries} entries in {summary.Files} files: {summary.Added} added, " +
                    $"{summary.Updated} updated, {summary.Unchanged} unchanged, {summary.Chunks} chunks written, " +
                    $"{summary.Errors.Count} problems, {summary.Seconds:0.0} s.");
            }
            // Bad input is only a failure when nothing at all could be indexed.
            return summary.Papers == 0 && summary.Errors.Count > 0 ? ExitCodes.BadInput : ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<IndexSummary> RunAsync(PaperIndexer indexer, string[] paths, bool rebuild, bool json, CancellationToken cancellationToken)
    {
        if (!CliOutput.Interactive(json)) return await indexer.IndexAsync(paths, rebuild, cancellationToken: cancellationToken);

        IndexSummary? summary = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Indexing papers", maxValue: 1);
                var progress = new Progress<IndexProgress>(update =>
                {
                    task.MaxValue = Math.Max(update.Total, 1);
                    task.Value = update.Total == 0 ? 1 : update.Done;
                });
                summary = await indexer.IndexAsync(paths, rebuild, progress, cancellationToken);
                task.Value = task.MaxValue;
            });
        return summary!;
    }
}
