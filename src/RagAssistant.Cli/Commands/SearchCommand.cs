using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using Spectre.Console;

namespace RagAssistant.Cli.Commands;

/// <summary><c>rag search "&lt;query&gt;" [--top N]</c>: the papers that best match a query.</summary>
internal static class SearchCommand
{
    public static readonly Option<SearchMode> Mode = new("--mode")
    {
        Description = "reranked (default: hybrid re-ordered by the learned ranker), hybrid, dense or sparse (BM25).",
        DefaultValueFactory = _ => SearchMode.Reranked,
    };

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "What to look for." };
        var top = new Option<int>("--top") { Description = "How many papers (1-100).", DefaultValueFactory = _ => 10 };
        var from = new Option<DateOnly?>("--from") { Description = "Only papers dated on or after (yyyy-mm-dd)." };
        var to = new Option<DateOnly?>("--to") { Description = "Only papers dated on or before (yyyy-mm-dd)." };
        var command = new Command("search", "Find papers: hybrid (dense + BM25) search, re-ordered by the learned ranker.") { query, top, Mode, from, to };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            if (QuestionText.Problem(parse.GetValue(query), "query") is { } problem) throw new UsageException(problem);
            var text = QuestionText.Normalise(parse.GetValue(query)!);
            var count = parse.GetValue(top);
            if (count is < 1 or > PaperSearch.MaxTop) throw new UsageException($"--top must be between 1 and {PaperSearch.MaxTop}.");

            using var host = CliHost.Build(GlobalOptions.Overrides(parse));
            var services = host.Services;

            await services.OpenIndexAsync(cancellationToken);
            var hits = await services.GetRequiredService<PaperSearch>()
                .SearchAsync(text, count, parse.GetValue(Mode), parse.GetValue(from), parse.GetValue(to), cancellationToken);

            if (parse.GetValue(GlobalOptions.Json))
            {
                CliOutput.WriteJson(new SearchResponse([.. hits.Select(hit => hit.ToResult() with { Snippet = Snippets.Shorten(hit.Snippet) })], hits.UndatedLeftOut));
                return ExitCodes.Success;
            }
            if (hits.Count == 0) Console.WriteLine("No papers match.");
            foreach (var (hit, rank) in hits.Select((hit, i) => (hit, i + 1)))
            {
                AnsiConsole.MarkupLine($"[bold]{rank}. {CliOutput.Escape(TexNotation.Readable(hit.Paper.Title))}[/] [grey]{hit.Paper.Date:yyyy-MM-dd} · {hit.Paper.Id} · {hit.Score:0.000}[/]");
                AnsiConsole.MarkupLine($"   {CliOutput.Escape(TexNotation.Readable(Snippets.Shorten(hit.Snippet)))}");
            }
            if (UndatedPapers.Notice(hits.UndatedLeftOut) is { } notice) AnsiConsole.MarkupLine($"[yellow]{CliOutput.Escape(notice)}[/]");
            return ExitCodes.Success;
        }));
        return command;
    }
}
