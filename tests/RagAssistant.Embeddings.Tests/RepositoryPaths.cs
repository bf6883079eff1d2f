namespace RagAssistant.Embeddings.Tests;

/// <summary>Locations outside the build output: the repository root and the shared reference data beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Shared data is read in place, never copied into the repository.</summary>
    public static string GoldenFile => Path.GetFullPath(Path.Combine(Root, "..", "shared", "models", "use-lite", "golden.json"));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RagAssistant.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds RagAssistant.sln.");
    }
}
