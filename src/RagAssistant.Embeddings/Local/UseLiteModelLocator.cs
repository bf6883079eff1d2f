namespace RagAssistant.Embeddings.Local;

/// <summary>Finds the folder of the Universal Sentence Encoder lite files that npm installs.</summary>
public static class UseLiteModelLocator
{
    /// <summary>Where npm puts the model, relative to the folder that holds package.json.</summary>
    public static readonly string RelativeModelFolder =
        Path.Combine("node_modules", "@energetic-ai", "model-embeddings-en", "dist");

    /// <summary>
    /// The configured folder when one is given; otherwise the first <see cref="RelativeModelFolder"/> found walking up
    /// from the current directory, then from the application's base directory (tests and tools run from bin/).
    /// </summary>
    public static string Resolve(string? configuredPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return Path.GetFullPath(configuredPath);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, RelativeModelFolder);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new EmbeddingModelUnavailableException(
            RelativeModelFolder,
            $"no {RelativeModelFolder} folder was found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
    }
}
