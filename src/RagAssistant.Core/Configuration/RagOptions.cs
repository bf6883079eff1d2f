namespace RagAssistant.Core.Configuration;

/// <summary>The <c>Rag</c> configuration section, shared by the web app and the CLI.</summary>
public sealed class RagOptions
{
    public const string Section = "Rag";

    /// <summary>Where the embedded index and conversations live; relative paths are resolved by <see cref="WorkspacePaths"/>.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>"embedded" (default, no server) or "qdrant".</summary>
    public string Store { get; set; } = "embedded";

    /// <summary>When set, required on /api, /mcp and /hubs/chat.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Indexed on first start when the index is empty; missing paths are ignored. Relative paths are read from the app's folder, where the build copies samples/.</summary>
    /// <remarks>Empty here and set in appsettings.json: the configuration binder appends to an array default instead of replacing it.</remarks>
    public string[] SamplePaths { get; set; } = [];

    /// <summary>Larger input files are reported and skipped.</summary>
    public long MaxFileBytes { get; set; } = Ingestion.PaperFileReader.DefaultMaxFileBytes;

    public string DataDirFullPath => WorkspacePaths.Resolve(DataDir);

    public IEnumerable<string> SamplePathsFullPaths => SamplePaths.Select(path => Path.GetFullPath(path, AppContext.BaseDirectory));
}
