using System.Diagnostics;
using System.Reflection;
using RagAssistant.Cli.Tests;

namespace RagAssistant.Reliability.Tests.Support;

/// <summary>
/// The real `rag` program, as <see cref="RagCli"/> runs it, but from the CLI project's own output folder: this test
/// project also holds the web app, whose framework copies of some assemblies would shadow the CLI's.
/// </summary>
internal static class RagProgram
{
    private static readonly string Dll = Path.GetFullPath(typeof(RagProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == nameof(RagProgram)).Value!);

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = RagCli.StartInfo(arguments, environment);
        start.ArgumentList[0] = Dll;
        return start;
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(arguments, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(guard.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
