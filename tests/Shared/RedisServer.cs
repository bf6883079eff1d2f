using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RagAssistant.Tests;

/// <summary>
/// One real <c>redis-server</c> (Debian's package, installed by scripts/setup.sh) on a free loopback port, in memory only
/// (no snapshot, no append-only file) and in its own temporary folder. It can be stopped and started again on the same
/// port, as a restarted Redis would be.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private readonly string _folder = Directory.CreateTempSubdirectory("rag-redis-").FullName;
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>StackExchange.Redis's connection string for this server (<c>Redis:Connection</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Binary)) throw new FileNotFoundException($"{Binary} is missing: run ./scripts/setup.sh (it installs Debian's redis-server).", Binary);
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(FreePort());
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was most likely taken between choosing and binding it: choose again.
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the server (again) on its port, empty, and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning) return;
        var start = new ProcessStartInfo(Binary)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder })
        {
            start.ArgumentList.Add(argument);
        }
        var log = new StringBuilder();
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                lock (log) throw new InvalidOperationException($"redis-server exited on port {Port}: {log}");
            }
            if (await AnswersPingAsync()) return;
            await Task.Delay(50);
        }
        await StopAsync();
        throw new TimeoutException($"redis-server on port {Port} did not answer PING within 15 s.");
    }

    /// <summary>Kills the server: everything in it is lost, as when Redis restarts without persistence.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
