using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace RagAssistant.ScaleOut.Tests.Topology;

/// <summary>
/// <c>scripts/scale.sh</c> run as a person runs it — redis-server, one Qdrant node, the app nodes (the built
/// RagAssistant.Web.dll) and nginx on loopback — so the script and its nginx configuration are what the tests exercise.
/// Its processes are driven through the files it writes under its data folder: <c>run/topology</c> (what runs where),
/// <c>run/pids/NAME</c> (each one's PID) and <c>run/bin/NAME</c> (the launcher that starts it again as the script did).
/// </summary>
internal sealed class ScaleScript : IAsyncDisposable
{
    /// <summary>A guard against a hung start (a node's first start indexes the sample papers), not a speed check.</summary>
    public static readonly TimeSpan ReadyWithin = TimeSpan.FromMinutes(5);

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _script;
    private readonly StringBuilder _output;
    private readonly List<Process> _startedAgain = [];

    private ScaleScript(Process script, StringBuilder output, string dataDir, IReadOnlyDictionary<string, string> topology)
    {
        (_script, _output, DataDir) = (script, output, dataDir);
        Balancer = new Uri(topology["balancer"]);
        BalancerSource = IPAddress.Parse(topology["balancer-source"]);
        Nodes = [.. topology.Keys.Where(name => name.StartsWith("node", StringComparison.Ordinal)).Order().Select(name => new AppNode(name, new Uri(topology[name])))];
        RedisEndpoint = topology["redis"];
    }

    public string DataDir { get; }

    /// <summary>nginx: the address people open.</summary>
    public Uri Balancer { get; }

    /// <summary>The address nginx connects to the nodes from, the only one they take <c>X-Forwarded-For</c> from.</summary>
    public IPAddress BalancerSource { get; }

    public IReadOnlyList<AppNode> Nodes { get; }

    public string RedisEndpoint { get; }

    private string Run => Path.Combine(DataDir, "run");

    /// <summary>Runs scale.sh with these app settings (environment variables) and waits until it prints its address.</summary>
    public static async Task<ScaleScript> StartAsync(int nodes, IReadOnlyDictionary<string, string> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(nodes, settings);
            }
            catch (ScaleScriptExitedException) when (attempt < 3)
            {
                // Most likely a port of the block was taken between choosing it and binding it: choose another block.
            }
        }
    }

    private static async Task<ScaleScript> TryStartAsync(int nodes, IReadOnlyDictionary<string, string> settings)
    {
        var dataDir = Directory.CreateTempSubdirectory("rag-scale-").FullName;
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = TestRepository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(TestRepository.Root, "scripts", "scale.sh"), "--nodes", nodes.ToString(), "--qdrant-nodes", "1",
                     "--base-port", PortBlock.FindFree(nodes).ToString(), "--data-dir", dataDir, "--no-build", "--app", WebAppPath,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var output = new StringBuilder();
        var script = Process.Start(start) ?? throw new InvalidOperationException("bash did not start scripts/scale.sh.");
        script.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        script.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();

        var topologyFile = Path.Combine(dataDir, "run", "topology");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(topologyFile))
        {
            if (script.HasExited)
            {
                await script.WaitForExitAsync();
                var exited = new ScaleScriptExitedException(script.ExitCode, Text(output));
                await CleanUpAsync(script, dataDir, []);
                throw exited;
            }
            if (clock.Elapsed > ReadyWithin)
            {
                await CleanUpAsync(script, dataDir, []);
                throw new TimeoutException($"scripts/scale.sh did not get ready within {ReadyWithin}:\n{Text(output)}");
            }
            await Task.Delay(200);
        }
        var topology = File.ReadAllLines(topologyFile).Select(line => line.Split(' ', 2)).ToDictionary(parts => parts[0], parts => parts[1]);
        return new ScaleScript(script, output, dataDir, topology);
    }

    /// <summary>The web app the test project's build produced (scale.sh runs it with <c>dotnet</c>).</summary>
    private static string WebAppPath { get; } = typeof(ScaleScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RagWebApp").Value!;

    public AppNode Node(int number) => Nodes[number - 1];

    /// <summary>
    /// The node that answered, from nginx's <c>X-Rag-Node</c> (<c>127.0.0.1:port</c>): the last address when nginx tried
    /// others first (<c>127.0.0.1:a, 127.0.0.1:b</c>, the first one down).
    /// </summary>
    public AppNode NodeAt(string upstreamAddresses)
    {
        var answered = upstreamAddresses.Split(',')[^1].Trim();
        return Nodes.Single(node => answered == $"{node.Url.Host}:{node.Url.Port}");
    }

    /// <summary>SIGKILL, as a crash or a pulled plug: no goodbye to clients, nothing flushed.</summary>
    public async Task KillAsync(string name)
    {
        var pid = PidOf(name);
        using (var process = Process.GetProcessById(pid)) process.Kill();
        await WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(10));
    }

    /// <summary>SIGTERM, as a service manager stops a process, and waits until it has exited.</summary>
    public async Task StopAsync(string name)
    {
        var pid = PidOf(name);
        _ = Kill(pid, Sigterm);
        if (!await WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(15)))
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            await WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Starts a stopped process again through its launcher, exactly as scale.sh started it.</summary>
    public void StartAgain(string name)
    {
        var launcher = Path.Combine(Run, "bin", name);
        var process = Process.Start(new ProcessStartInfo(launcher) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"{launcher} did not start.");
        _startedAgain.Add(process);
    }

    /// <summary>Starts a node again and waits until its /health says it can answer.</summary>
    public async Task StartNodeAgainAsync(AppNode node)
    {
        StartAgain(node.Name);
        var clock = Stopwatch.StartNew();
        while (!await AnswersAsync(new Uri(node.Url, "/health")))
        {
            if (clock.Elapsed > ReadyWithin)
            {
                throw new TimeoutException($"{node.Name} did not get ready again within {ReadyWithin}:\n{Log(node.Name)}\nscale.sh said:\n{Text(_output)}");
            }
            await Task.Delay(200);
        }
    }

    public bool IsRunning(string name) => File.Exists(PidFile(name)) && IsAlive(PidOf(name));

    /// <summary>The end of a process's log, for failure messages.</summary>
    public string Log(string name)
    {
        var path = Path.Combine(Run, "logs", name + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(40)) : $"(no log at {path})";
    }

    /// <summary>nginx's access log: one line per request with the node that answered it (<c>node=127.0.0.1:port</c>).</summary>
    public IReadOnlyList<string> BalancerAccessLog() => File.ReadAllLines(Path.Combine(DataDir, "nginx", "access.log"));

    public async ValueTask DisposeAsync() => await CleanUpAsync(_script, DataDir, _startedAgain);

    private static async Task CleanUpAsync(Process script, string dataDir, IReadOnlyList<Process> startedAgain)
    {
        // Ctrl+C's counterpart: scale.sh stops what it started, by PID.
        if (!script.HasExited)
        {
            _ = Kill(script.Id, Sigterm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await script.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                script.Kill();
            }
        }
        // Whatever outlived it (a process started again by a test, or the script killed): stopped here, by PID.
        var pidFolder = Path.Combine(dataDir, "run", "pids");
        var pids = Directory.Exists(pidFolder) ? Directory.GetFiles(pidFolder) : [];
        foreach (var file in pids)
        {
            if (int.TryParse(File.ReadAllText(file).Trim(), out var pid) && IsAlive(pid))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
        }
        foreach (var process in startedAgain)
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
        script.Dispose();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still being written by a process on its way out; the temp folder is cleaned by the OS later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string PidFile(string name) => Path.Combine(Run, "pids", name);

    private int PidOf(string name) => int.Parse(File.ReadAllText(PidFile(name)).Trim());

    private static async Task<bool> AnswersAsync(Uri url)
    {
        try
        {
            using var response = await Probe.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (IsAlive(pid))
        {
            if (clock.Elapsed > limit) return false;
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>Alive unless gone or a zombie (exited, waiting for scale.sh to collect it).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state follows the parenthesised command name: "1234 (dotnet) S ...".
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>One app node as scale.sh started it: <c>node1</c>, <c>node2</c>, … on its own loopback port.</summary>
internal sealed record AppNode(string Name, Uri Url);

internal sealed class ScaleScriptExitedException(int exitCode, string output)
    : Exception($"scripts/scale.sh exited with code {exitCode} before it was ready:\n{output}");
