using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RagAssistant.Qdrant.Tests.Server;

/// <summary>
/// One real Qdrant process on loopback (REST and gRPC), in its own temporary working directory. Ready when its
/// own process is alive, <c>/readyz</c> answers and the gRPC port accepts a connection (Qdrant opens the two ports one
/// after the other; the clients under test speak gRPC): a second server on a taken port exits within about 2 s, so a
/// 200 from someone else's server must not count.
/// </summary>
internal sealed class QdrantNode : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;
    private readonly List<string> _log = [];

    private QdrantNode(QdrantNodeSettings settings, Process process)
    {
        Settings = settings;
        _process = process;
    }

    public QdrantNodeSettings Settings { get; }

    /// <summary>The gRPC endpoint the product talks to.</summary>
    public string Url => Settings.Url;

    /// <summary>The REST endpoint, for readiness and for looking into the server directly.</summary>
    public string RestUrl => Settings.RestUrl;

    public bool IsRunning => !_process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>Starts a node; fresh settings get fresh ports when the first ones turn out to be taken.</summary>
    public static async Task<QdrantNode> StartAsync(Func<QdrantNodeSettings> settings, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            var candidate = settings();
            try
            {
                return await StartAsync(candidate);
            }
            catch (QdrantNodeExitedException) when (attempt < attempts)
            {
                // Most likely a port was taken between choosing it and binding it: choose again.
            }
        }
    }

    public static async Task<QdrantNode> StartAsync(QdrantNodeSettings settings)
    {
        var start = new ProcessStartInfo(QdrantBinary.Path)
        {
            WorkingDirectory = settings.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings.Environment()) start.Environment[key] = value;
        foreach (var argument in settings.Arguments()) start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException("Qdrant did not start.");
        var node = new QdrantNode(settings, process);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            return node;
        }
        catch
        {
            await node.StopAsync();
            throw;
        }
    }

    /// <summary>SIGTERM, as an orchestrator would stop it; SIGKILL only if it lingers.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, Sigterm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>A new process on the same ports and storage, as after a crash or a restart.</summary>
    public async Task<QdrantNode> RestartAsync()
    {
        await StopAsync();
        return await StartAsync(Settings);
    }

    public string RecentLog()
    {
        lock (_log) return string.Join('\n', _log.TakeLast(30));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    /// <summary>Removes the node's storage; only when no process uses it any more.</summary>
    public void DeleteFiles()
    {
        try
        {
            Directory.Delete(Settings.WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over it.
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited) throw new QdrantNodeExitedException(Url, _process.ExitCode, RecentLog());
            try
            {
                using var response = await Probe.GetAsync($"{RestUrl}/readyz");
                if (response.IsSuccessStatusCode && await GrpcListensAsync() && !_process.HasExited) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer; ask again.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Qdrant at {Url} was not ready within {limit}.\n{RecentLog()}");
    }

    private async Task<bool> GrpcListensAsync()
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            var grpc = new Uri(Url);
            await client.ConnectAsync(grpc.Host, grpc.Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

internal sealed class QdrantNodeExitedException(string url, int exitCode, string log)
    : Exception($"Qdrant for {url} exited with code {exitCode} before it was ready.\n{log}");
