namespace RagAssistant.Sqlite.Search;

/// <summary>
/// How a file kept beside <c>index.db</c> is replaced: written whole under a temporary name and renamed over the
/// old one, so a reader finds the old file or the new one, never half of one.
/// </summary>
internal static class SideFile
{
    public static void Replace(string path, Action<string> writeTemporary)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        RemoveAbandoned(path);
    }

    public static void Delete(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Temporary files of saves cut short (a killed process); an hour old, so no save in progress is touched.</summary>
    private static void RemoveAbandoned(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        foreach (var file in Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".*.tmp"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddHours(-1)) File.Delete(file);
            }
            catch (IOException)
            {
                // Another process's: it removes its own.
            }
        }
    }
}
