using System.Diagnostics;

namespace RagAssistant.Reliability.Tests.Support;

/// <summary>
/// Runs a process with its data directory made read-only or small, for real, without touching the machine: a bind or
/// tmpfs mount inside a private mount namespace (<c>unshare</c>), which disappears with the process. As root (the test
/// machine) chmod would not stop writes, so a mount is the honest way; an unprivileged user gets the namespace through
/// <c>--map-root-user</c>.
/// </summary>
internal static class ConfinedRun
{
    /// <summary><paramref name="script"/> runs under sh in the namespace, with $1.. as <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo InMountNamespace(ProcessStartInfo inner, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = inner.WorkingDirectory,
        };
        start.ArgumentList.Add("--mount");
        if (Environment.UserName != "root") start.ArgumentList.Add("--map-root-user");
        string[] all = ["sh", "-c", script, "sh", .. arguments, inner.FileName, .. inner.ArgumentList];
        foreach (var argument in all) start.ArgumentList.Add(argument);
        foreach (var (key, value) in inner.Environment) start.Environment[key] = value;
        return start;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await output, await error);
    }
}
