using Microsoft.Extensions.Configuration;

namespace RagAssistant.Core.Configuration;

/// <summary>The <c>Rag</c> configuration section, shared by the web app and the CLI.</summary>
public sealed class RagOptions
{
    public const string Section = "Rag";

    /// <summary>
    /// Where the embedded index and conversations live. Unset: <see cref="DefaultDataDir"/>, the same folder for
    /// both hosts wherever they are started. A relative path is read from the current directory.
    /// </summary>
    public string DataDir { get; set; } = DefaultDataDir;

    /// <summary>"embedded" (default, no server) or "qdrant".</summary>
    public string Store { get; set; } = "embedded";

    /// <summary>
    /// Where the web tier keeps what its nodes must share — conversations, the sign-in key ring, rate-limit counters,
    /// upload jobs, the seeding lock: "local" (default: the data directory and memory, one node) or "redis"
    /// (<c>Redis:Connection</c>; several nodes behind a load balancer, which needs <c>Rag:Store=qdrant</c>).
    /// </summary>
    public string SharedState { get; set; } = "local";

    /// <summary>The <c>Rag</c> section as configured, for composition that must choose before options exist (defaults where unset).</summary>
    public static RagOptions Read(IConfiguration configuration) => configuration.GetSection(Section).Get<RagOptions>() ?? new RagOptions();

    /// <summary>True when several app nodes share their state through Redis.</summary>
    public bool SharesStateInRedis => SharedState.Trim().Equals("redis", StringComparison.OrdinalIgnoreCase);

    /// <summary>Larger input files are reported and skipped.</summary>
    public long MaxFileBytes { get; set; } = Ingestion.PaperFileReader.DefaultMaxFileBytes;

    /// <summary>
    /// The platform's per-user application data folder: <c>~/.local/share/RagAssistant</c> on Linux and macOS,
    /// <c>%LOCALAPPDATA%\RagAssistant</c> on Windows; <c>./data</c> when the platform names none (no home directory).
    /// </summary>
    public static string DefaultDataDir { get; } =
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify) is { Length: > 0 } appData
            ? Path.Combine(appData, "RagAssistant")
            : "data";

    public string DataDirFullPath => Path.GetFullPath(DataDir);
}
