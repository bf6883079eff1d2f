namespace RagAssistant.Tests;

/// <summary>Where tests find the checkout and the shared data beside it, which is read in place and never copied in.</summary>
internal static class TestRepository
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <c>../shared</c>, e.g. <c>Shared("corpus", "hf-daily-papers")</c>.</summary>
    public static string Shared(params string[] parts) => Path.GetFullPath(Path.Combine([Root, "..", "shared", .. parts]));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RagAssistant.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds RagAssistant.sln.");
    }
}
