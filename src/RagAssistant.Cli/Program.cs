using System.CommandLine;
using RagAssistant.Cli;
using RagAssistant.Cli.Commands;

var root = new RootCommand("rag: index research papers, search them, and measure retrieval.")
{
    GlobalOptions.DataDir,
    GlobalOptions.Store,
    GlobalOptions.Json,
    IndexCommand.Create(),
    SearchCommand.Create(),
    EvalCommand.Create(),
    BenchCommand.Create(),
    AskCommand.Create(),
    BenchAskCommand.Create(),
    TrainRolesCommand.Create(),
    TrainRankerCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) CliOutput.Error(error.Message);
    Console.Error.WriteLine("Try `rag --help`.");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync();
