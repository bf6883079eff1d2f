using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RagAssistant.Contracts;
using RagAssistant.Core.Configuration;
using RagAssistant.Core.Conversations;
using RagAssistant.Core.Papers;
using RagAssistant.Core.Retrieval;
using Spectre.Console;

namespace RagAssistant.Cli.Commands;

/// <summary>
/// <c>rag ask "&lt;question&gt;" [--conversation my-chat]</c>: a cited answer from the indexed papers, streamed
/// to the terminal as it is written, or one JSON object with <c>--json</c>. With a conversation id, the conversation is
/// kept in the data directory like the web app's, so follow-ups work across runs. It is the operator's
/// (<c>ConversationOwner.Local</c>), so a browser, another owner, does not see it at /c/my-chat.
/// </summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("question") { Description = "What to ask, e.g. \"which papers emulate CO2 transport with neural nets?\"" };
        var conversation = new Option<string?>("--conversation")
        {
            Description = "A conversation id (letters, digits, - or _); kept with the app's (<data dir>/conversations, or Redis with Rag:SharedState=redis), created if new, and the answer added to it.",
        };
        var summary = new Option<bool>("--summary") { Description = "Ask for a literature summary by theme (otherwise decided from the wording)." };
        var from = new Option<DateOnly?>("--from") { Description = "Only papers dated on or after (yyyy-mm-dd)." };
        var to = new Option<DateOnly?>("--to") { Description = "Only papers dated on or before (yyyy-mm-dd)." };
        var bibtex = new Option<bool>("--bibtex") { Description = "After the answer, print the cited papers as BibTeX entries (with --json they are in its \"bibtex\" field)." };
        var command = new Command("ask", "Answer a question from the indexed papers, citing them as [n].") { question, conversation, summary, from, to, bibtex };
        command.SetAction((parse, cancellationToken) => CliRun.GuardAsync(async () =>
        {
            // The rule every surface applies, so `rag ask` refuses what the web app refuses, in the same words.
            if (QuestionText.Problem(parse.GetValue(question)) is { } problem) throw new UsageException(problem);
            var text = QuestionText.Normalise(parse.GetValue(question)!);
            var json = parse.GetValue(GlobalOptions.Json);

            using var host = CliHost.Build(GlobalOptions.Overrides(parse));
            var services = host.Services;

            await services.OpenIndexAsync(cancellationToken);
            if (await services.GetRequiredService<IPaperIndex>().CountPapersAsync(cancellationToken) == 0)
            {
                throw new InvalidOperationException("The index is empty; run `rag index <papers>` first.");
            }
            var conversationId = parse.GetValue(conversation);
            if (conversationId is not null && !ConversationIds.IsValid(conversationId))
            {
                throw new UsageException($"--conversation takes an id of 1 to 64 letters, digits, '-' or '_', not \"{conversationId}\".");
            }
            var kind = parse.GetValue(summary) ? AnswerKind.Summary : (AnswerKind?)null;
            // With an id, the conversation's history is read and the finished answer kept; without one, a single question.
            var events = services.GetRequiredService<ConversationService>().AskAsync(
                new ConversationQuestion(ConversationOwner.Local, conversationId, text, Kind: kind, From: parse.GetValue(from), To: parse.GetValue(to)), cancellationToken);

            var answer = new AnswerAccumulator();
            await foreach (var answerEvent in events)
            {
                answer.Add(answerEvent);
                if (answerEvent is TextDeltaEvent delta && !json)
                {
                    Console.Out.Write(TexNotation.Readable(delta.Text));
                    Console.Out.Flush();
                }
                if (answerEvent is ErrorEvent error)
                {
                    if (!json) Console.Out.WriteLine();
                    CliOutput.Error(error.Message);
                    return error.ServiceUnreachable ? ExitCodes.ServiceUnreachable : ExitCodes.BadInput;
                }
            }

            if (json) CliOutput.WriteJson(answer.ToResponse());
            else
            {
                PrintSources(answer);
                if (parse.GetValue(bibtex)) Console.Out.Write("\n" + (answer.Bibtex ?? "% No paper was cited.\n"));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>After the streamed text: the cited papers (a summary lists them itself), then what the checker doubted.</summary>
    private static void PrintSources(AnswerAccumulator answer)
    {
        var done = answer.Done!;
        var citations = answer.Citations;
        var sources = answer.SourcesEvent?.Kind == AnswerKind.Summary ? [] : answer.Sources;
        Console.Out.WriteLine();
        var cited = sources.Where(source => citations.Any(citation => citation.N == source.N)).ToList();
        if (cited.Count > 0) Console.Out.WriteLine();
        foreach (var source in cited)
        {
            var when = source.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // A body passage's citation says on which page it stands: [2, p. 5].
            var pages = citations.Where(citation => citation.N == source.N && citation.Page is not null).Select(citation => citation.PageLabel).Distinct().ToList();
            var where = pages.Count > 0 ? ", " + string.Join(", ", pages) : "";
            AnsiConsole.MarkupLine($"[bold][[{source.N}{where}]][/] {CliOutput.Escape(TexNotation.Readable(source.Title))} [grey]{when} · {CliOutput.Escape(source.Url ?? source.PaperId)}[/]");
        }
        foreach (var unsupported in citations.Where(citation => !citation.Verified))
        {
            AnsiConsole.MarkupLine($"[yellow]unsupported [[{unsupported.N}]]:[/] [grey]{CliOutput.Escape(unsupported.Reason)}[/]");
        }
        if (UndatedPapers.Notice(answer.SourcesEvent?.UndatedLeftOut) is { } undated) AnsiConsole.MarkupLine($"[yellow]{CliOutput.Escape(undated)}[/]");
        if (done.RemovedCitations > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]{done.RemovedCitations} citation(s) or title(s) that no source of this answer has were removed.[/]");
        }
    }
}
