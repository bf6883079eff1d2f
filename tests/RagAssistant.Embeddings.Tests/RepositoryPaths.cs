namespace RagAssistant.Embeddings.Tests;

/// <summary>Locations outside the build output: the repository root and the shared reference data beside it.</summary>
public static class RepositoryPaths
{
    public static string Root => TestRepository.Root;

    /// <summary>Shared data is read in place, never copied into the repository.</summary>
    public static string GoldenFile => TestRepository.Shared("models", "use-lite", "golden.json");
}
