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
        catch (Exception exception) when (exception is IndexMismatchException or IOException or FormatException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
        {
            CliOutput.Error(exception.Message);
            return ExitCodes.BadInput;
        }
    }
}
