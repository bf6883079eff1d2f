namespace RagAssistant.Core.Configuration;

/// <summary>
/// Relative paths in configuration are read from the checkout's root (the folder holding
/// RagAssistant.sln above the current directory), so the web app — which <c>dotnet run</c> starts in
/// its project folder — and the CLI share one data directory. Outside a checkout: the current directory.
/// </summary>
public static class WorkspacePaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Resolve(string path) => Path.GetFullPath(Path.Combine(Root.Value, path));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RagAssistant.sln"))) return directory.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
