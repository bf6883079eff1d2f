using System.Diagnostics;
using System.Text.Json;

namespace RagAssistant.Cli.Tests;

/// <summary>Runs the real `rag` program in its own process, as a user or a script would.</summary>
internal static class RagCli
{
    public static string RepositoryRoot => TestRepository.Root;


    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rag.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var process = Process.Start(StartInfo(arguments, environment, workingDirectory))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A hang guard, not a speed check: SciFact through the real model takes minutes, many more on a busy machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The test fails either way; the hung process must not outlive it and load the machine for the next ones.
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliResult(process.ExitCode, await output, await error);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The contract's machine-readable result: the last line printed.</summary>
    public JsonElement Json => JsonDocument.Parse(Output.TrimEnd().Split('\n')[^1]).RootElement;
}
