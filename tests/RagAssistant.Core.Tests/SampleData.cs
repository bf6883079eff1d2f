namespace RagAssistant.Core.Tests;

/// <summary>Paths to the shared sample data, which is read in place and never copied into the repository.</summary>
internal static class SampleData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DailyPapers => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus", "hf-daily-papers"));

    public static string SciFact => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "eval", "scifact"));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RagAssistant.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException("RagAssistant.sln not found above " + AppContext.BaseDirectory);
    }
}
