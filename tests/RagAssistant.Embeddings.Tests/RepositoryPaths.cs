namespace RagAssistant.Embeddings.Tests;

/// <summary>Locations outside the build output: the repository root and the shared reference data beside it.</summary>
public static class RepositoryPaths
{
    public static string Root => TestRepository.Root;

    /// <summary>USE-lite's reference outputs, still read from the workspace's ../shared; they go away with USE-lite.</summary>
    public static string GoldenFile => Path.GetFullPath(Path.Combine(Root, "..", "shared", "models", "use-lite", "golden.json"));
}
