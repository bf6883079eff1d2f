namespace RagAssistant.Qdrant.Tests.Server;

/// <summary>The real Qdrant server binary that `npm ci --ignore-scripts` installs at the repository root.</summary>
internal static class QdrantBinary
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "RagAssistant.sln"))) continue;
            var binary = System.IO.Path.Combine(dir.FullName, "node_modules", "@just-memory", "qdrant-linux-x64", "bin", "qdrant");
            return File.Exists(binary)
                ? binary
                : throw new FileNotFoundException($"No Qdrant binary at {binary}; run `npm ci --ignore-scripts` (or scripts/qdrant.sh) in {dir.FullName}.");
        }
        throw new DirectoryNotFoundException($"No RagAssistant.sln above {AppContext.BaseDirectory}.");
    }
}
