using Microsoft.Extensions.Options;
using RagAssistant.Core.Retrieval;

namespace RagAssistant.Cli;

/// <summary>Turns what went wrong into a message on stderr and the contract's exit code.</summary>
internal static class CliRun
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (UsageException exception)
        {
            CliOutput.Error(exception.Message);
            return ExitCodes.Usage;
        }
        catch (OptionsValidationException exception)
        {
            // Each failure already names its key (e.g. "Rag:Store must be ...").
            foreach (var failure in exception.Failures) CliOutput.Error(failure);
            return ExitCodes.BadInput;
        }
        catch (IndexMismatchException exception)
        {
            CliOutput.Error($"{exception.Message} To rebuild: rag index <papers> --rebuild.");
            return ExitCodes.BadInput;
        }
        catch (StoreUnavailableException exception)
        {
            CliOutput.Error(exception.Message);
            return ExitCodes.ServiceUnreachable;
        }
        catch (OperationCanceledException)
        {
            CliOutput.Error("cancelled; papers already written are kept, and the next run completes the rest.");
            return ExitCodes.BadInput;
        }
        catch (Exception exception) when (exception is IOException or FormatException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
        {
            // Core names the setting; on the command line it is the --data-dir option.
            CliOutput.Error(exception.Message.Replace("Rag:DataDir", "--data-dir (Rag:DataDir)", StringComparison.Ordinal));
            return ExitCodes.BadInput;
        }
    }
}
