namespace RagAssistant.Qdrant.Tests.Server;

/// <summary>The real Qdrant server binary that `npm ci --ignore-scripts` installs at the repository root.</summary>
internal static class QdrantBinary
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var binary = System.IO.Path.Combine(TestRepository.Root, "node_modules", "@just-memory", "qdrant-linux-x64", "bin", "qdrant");
        return File.Exists(binary)
            ? binary
            : throw new FileNotFoundException($"No Qdrant binary at {binary}; run `npm ci --ignore-scripts` (or scripts/qdrant.sh) in {TestRepository.Root}.");
    }
}
